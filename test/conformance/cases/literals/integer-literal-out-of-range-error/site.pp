notify { 'min': message => -9223372036854775808 }
