notify { 'mode': message => mylib::octal_mode('0640') }
