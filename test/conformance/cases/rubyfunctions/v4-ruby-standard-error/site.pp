notify { 'x': message => mylib::parse_int('12a') }
