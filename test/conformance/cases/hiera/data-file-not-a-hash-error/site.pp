notify { 'x': message => lookup('a::b') }
