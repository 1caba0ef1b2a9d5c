notify { 'no-block': message => mylib::tap_value(5) }
notify { 'with-block': message => mylib::tap_value(5) |$v| { $v + 1 } }
