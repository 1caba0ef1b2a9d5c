class { 'profile::app': version => '2.0.0' }
