# apache with a vhost, a module and an SSL vhost.
class { 'apache':
  default_vhost => false,
  mpm_module    => 'event',
}
apache::vhost { 'www.example.test':
  port    => 80,
  docroot => '/var/www/example',
}
apache::vhost { 'ssl.example.test':
  port    => 443,
  ssl     => true,
  docroot => '/var/www/ssl',
}
include apache::mod::rewrite
