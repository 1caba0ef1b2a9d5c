notify { 'x': message => min([]) }
