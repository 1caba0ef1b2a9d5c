notify { 'x': message => 1_000 }
