$v = default
notify { 'x': message => "${v}" }
notify { 'y': message => $v ? { default => 'is default' } }
