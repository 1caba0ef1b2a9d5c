notify { 'x': message => lookup('a::b', undef, undef, 1) }
