function local::add(Integer $a, Integer $b = 1) >> Integer { $a + $b }
notify { 'x': message => [local::add(1), local::add(2, 3)] }
