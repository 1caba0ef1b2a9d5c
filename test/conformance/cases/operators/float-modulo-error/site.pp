notify { 'x': message => 7.5 % 2 }
