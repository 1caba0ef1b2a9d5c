notify { 'x': message => [assert_type(Integer, 5), assert_type(String[1], 'ok')] }
notify { 'y': message => assert_type(Integer, 'nope') |$expected, $actual| { "expected ${expected} got ${actual}" } }
