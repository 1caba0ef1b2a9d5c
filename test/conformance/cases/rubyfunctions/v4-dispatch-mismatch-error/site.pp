notify { 'x': message => mylib::to_port('eighty') }
