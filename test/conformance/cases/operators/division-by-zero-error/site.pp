$z = 0
notify { 'x': message => 1 / $z }
