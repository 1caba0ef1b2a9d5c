notify { 'x': message => regsubst('abc', /B/, '[\0]', 'I') }
