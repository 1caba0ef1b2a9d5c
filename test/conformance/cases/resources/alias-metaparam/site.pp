file { '/etc/long/path.conf': alias => 'shortname' }
notify { 'x': require => File['shortname'] }
