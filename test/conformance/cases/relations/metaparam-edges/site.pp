package { 'p': }
file { 'f': path => '/tmp/f', require => Package['p'] }
service { 's': subscribe => File['f'] }
exec { 'e': command => '/bin/true', before => Service['s'], notify => Service['s'] }
