notify { 'max': message => 9223372036854775807 }
notify { 'min': message => -9223372036854775807 - 1 }
