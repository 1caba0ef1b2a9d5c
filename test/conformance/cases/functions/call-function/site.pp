notify { 'x': message => [call('upcase', 'abc'), call('sprintf', '%s-%s', 1, 2), call('map', [1, 2]) |$x| { $x + 1 }] }
