class web::vhosts { file { '/etc/vhost': } web::site { 'one': } }
define web::site { file { "/etc/site-${title}": } }
include web::vhosts
