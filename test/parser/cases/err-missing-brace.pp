file { 'a': ensure => file
