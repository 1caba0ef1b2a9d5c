class web::service { service { 'nginx': ensure => running } -> exec { 'reload': command => '/bin/true', refreshonly => true } }
