acme_vhost { 'Shop.Example.Test': docroot => '/srv/shop' }
