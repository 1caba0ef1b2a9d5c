file { '/etc/a': content => 'one' }
File['/etc/a'] { mode => '0600', owner => 'root' }
