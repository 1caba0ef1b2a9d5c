notify { 'x': message => [unwrap('plain'), unwrap(Sensitive([1, 2]))] }
