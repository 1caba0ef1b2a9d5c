notify { 'x': message => [
  [1, 2, 3, 4, 5].slice(2),
  slice({ 'a' => 1, 'b' => 2, 'c' => 3 }, 2),
  [1, 2, 3, 4].slice(2).map |$p| { $p[0] + $p[1] },
  [1, 2, 3, 4].slice(2) |$a, $b| { notify { "s-${a}-${b}": } },
] }
