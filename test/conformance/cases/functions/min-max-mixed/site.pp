notify { 'x': message => [min(1, 2.5), max('10', '9'), max(-1, -1.5)] }
