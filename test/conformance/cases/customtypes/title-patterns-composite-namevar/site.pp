acme_package { 'nginx:apt': ensure => installed }
acme_package { 'redis': provider_name => 'yum', ensure => '7.0' }
