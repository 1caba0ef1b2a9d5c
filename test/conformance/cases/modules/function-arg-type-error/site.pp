notify { 'x': message => mymod::double('x') }
