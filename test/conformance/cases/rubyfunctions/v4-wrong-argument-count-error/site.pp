notify { 'x': message => mylib::pair('a') }
