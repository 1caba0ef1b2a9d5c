define web::vhost (Enum['present', 'absent'] $ensure = 'present') {
  file { "/etc/nginx/${title}.conf": ensure => file, content => "server ${title};\n", tag => ['vhost'] }
}
