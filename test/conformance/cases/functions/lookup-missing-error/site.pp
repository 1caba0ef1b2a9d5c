notify { 'x': message => lookup('not_there') }
