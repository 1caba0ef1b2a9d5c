notify { 'x': message => lookup('k::v') }
