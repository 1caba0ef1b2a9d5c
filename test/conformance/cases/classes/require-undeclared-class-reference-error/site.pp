notify { 'x': require => Class['nothere'] }
