class web (Integer $port = 80, String $root = "/srv/${port}") {
  file { $root: ensure => directory }
  contain web::service
  file { "${root}/index.html": content => epp('web/index.epp', { 'port' => $port }), require => File[$root] }
}
