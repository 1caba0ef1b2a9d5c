notify { 'x': message => } }
