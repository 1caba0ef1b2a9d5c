file { '/tmp/copy': content => file('mod/data.txt') }
notify { 'x': message => file('mod/missing.txt', 'mod/data.txt') }
