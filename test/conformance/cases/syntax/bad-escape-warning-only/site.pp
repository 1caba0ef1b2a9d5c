notify { 'x': message => "bad \q escape" }
