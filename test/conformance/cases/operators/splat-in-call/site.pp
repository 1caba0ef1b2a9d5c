$args = ['%s-%s', 'a', 'b']
notify { 'x': message => sprintf(*$args) }
notify { 'y': message => [*[1, 2], 3] }
