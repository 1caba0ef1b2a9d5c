mylib_value()
notify { 'after': message => mylib_value() }
