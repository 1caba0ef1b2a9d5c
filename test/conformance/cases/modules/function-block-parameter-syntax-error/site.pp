notify { 'x': message => mymod::apply([1, 2]) |$v| { $v * 3 } }
