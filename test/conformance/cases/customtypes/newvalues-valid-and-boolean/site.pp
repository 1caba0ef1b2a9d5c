acme_service { 'web': ensure => running, enable => true, flags => ['-v', '-d'] }
acme_service { 'db': ensure => 'stopped', enable => false }
