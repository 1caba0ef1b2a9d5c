notify { 'x': message => mylib::broken_count(['a']) }
