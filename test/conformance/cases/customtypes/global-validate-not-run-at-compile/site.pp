acme_vhost { 'no-docroot': }
