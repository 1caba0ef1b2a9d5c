$r = notify { 'a': } -> notify { 'b': }
notify { 'c': message => "${r}" }
