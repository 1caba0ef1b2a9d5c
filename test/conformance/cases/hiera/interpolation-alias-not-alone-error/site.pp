notify { 'x': message => lookup('bad::alias') }
