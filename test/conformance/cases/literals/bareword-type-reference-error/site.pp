notify { 'x': message => [foo, Qux::Thing] }
