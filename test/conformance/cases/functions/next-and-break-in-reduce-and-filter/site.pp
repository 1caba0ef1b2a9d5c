notify { 'x': message => [
  [1, 2, 3, 4].filter |$x| { if $x == 2 { next(true) } $x > 3 },
  [1, 2, 3, 4].reduce |$m, $x| { if $x == 3 { break() } $m + $x },
] }
