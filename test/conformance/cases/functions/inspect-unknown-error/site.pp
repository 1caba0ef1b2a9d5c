notify { 'x': message => inspect(1) }
