notify { 'x': message => [
  [1, 2, 3, 4].partition |$x| { $x > 2 },
  { 'a' => 1, 'b' => 5 }.partition |$k, $v| { $v > 2 },
] }
