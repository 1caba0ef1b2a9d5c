notify { 'x': message => mylib_join_keys({ 'a' => 1 }) }
