notify { 'sum': message => mylib::sum(1, 2, 3.5) }
