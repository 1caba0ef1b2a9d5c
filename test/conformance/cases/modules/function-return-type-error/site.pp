notify { 'x': message => mymod::bad() }
