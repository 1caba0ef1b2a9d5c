notify { 'x': message => [min(3, 1, 2), max(3, 1, 2), min('b', 'a'), max(1.5, 2), min([5, 4, 6]), max(['x', 'yy']) |$a, $b| { compare($a.length, $b.length) }] }
