notify { 'plain': message => 3.14 }
notify { 'exp': message => 1e3 }
notify { 'exp-neg': message => 2.5e-3 }
notify { 'neg': message => -0.5 }
notify { 'whole': message => 2.0 }
notify { 'tiny': message => 1.0e-20 }
notify { 'huge': message => 1.0e20 }
