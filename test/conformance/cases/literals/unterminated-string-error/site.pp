notify { 'n': message => "abc }
