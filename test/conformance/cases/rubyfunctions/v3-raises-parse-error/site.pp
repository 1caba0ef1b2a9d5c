notify { 'x': message => mylib_validate_port(70000) }
