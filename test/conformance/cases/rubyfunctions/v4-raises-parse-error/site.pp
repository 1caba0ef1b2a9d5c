notify { 'x': message => mylib::must_be_even(3) }
