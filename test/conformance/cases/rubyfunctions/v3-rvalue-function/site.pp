notify { 'v3': message => mylib_join_keys({ 'b' => 1, 'a' => 2 }, '&') }
