acme_thing { 'x': ensure => present }
