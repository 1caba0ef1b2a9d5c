file { '/tmp/dir/': ensure => directory }
notify { 'x': require => File['/tmp/dir'] }
