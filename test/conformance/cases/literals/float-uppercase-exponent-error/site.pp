notify { 'x': message => 1.5E+10 }
