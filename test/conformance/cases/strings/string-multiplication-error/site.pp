notify { 'x': message => 'abc' * 2 }
