define vhost($port = 80, $docroot = "/var/www/${title}") {
  file { $docroot: ensure => directory }
  notify { "vhost-${title}": message => "${title}:${port}" }
}
vhost { 'a.example': }
vhost { 'b.example': port => 8080, docroot => '/srv/b' }
