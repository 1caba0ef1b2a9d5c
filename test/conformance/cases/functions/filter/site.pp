notify { 'x': message => [
  [1, 2, 3, 4].filter |$x| { $x % 2 == 0 },
  { 'a' => 1, 'b' => 2 }.filter |$k, $v| { $v > 1 },
  { 'a' => 1, 'b' => 2 }.filter |$pair| { $pair[0] == 'a' },
  ['a', 'b'].filter |$i, $x| { $i == 1 },
] }
