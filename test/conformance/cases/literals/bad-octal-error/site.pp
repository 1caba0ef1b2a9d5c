notify { 'n': message => 089 }
