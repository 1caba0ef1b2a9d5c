notify { 'x': message => lookup('bad::method') }
