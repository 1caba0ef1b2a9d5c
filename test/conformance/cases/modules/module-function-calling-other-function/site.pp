notify { 'x': message => mymod::outer(3) }
