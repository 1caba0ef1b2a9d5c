notify { 'x': message => lookup('loop::a') }
