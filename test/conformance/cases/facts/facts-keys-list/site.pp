notify { 'x': message => $facts.keys.sort }
