notify { 'x': message => [join(['a', 'b', 'c'], '-'), join([1, [2, 3]], ','), join([]), ['x', 'y'].join] }
