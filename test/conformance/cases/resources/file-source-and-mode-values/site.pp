file { '/tmp/a': ensure => file, mode => '0644', source => 'puppet:///modules/x/a' }
file { '/tmp/b': ensure => link, target => '/tmp/a' }
file { '/tmp/c': ensure => directory, recurse => true, purge => true, force => true }
