file { '/tmp/n': mode => 644, owner => 0, group => 0 }
notify { 'x': message => 0.5 }
