notify { 'x': message => [mymod::double(21), mymod::greet('you'), mymod::nested::f()] }
