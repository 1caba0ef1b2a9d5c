notify { 'x': message => lookup('lookup_options') }
