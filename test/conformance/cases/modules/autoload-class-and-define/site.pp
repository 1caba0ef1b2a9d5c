include apache
apache::vhost { 'site': }
