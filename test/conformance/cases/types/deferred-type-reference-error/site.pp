notify { 'x': message => 5 =~ NoSuchType }
