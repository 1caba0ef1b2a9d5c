notify { 'x': message => [
  [1, 2, 3].reduce |$memo, $x| { $memo + $x },
  [1, 2, 3].reduce(10) |$memo, $x| { $memo + $x },
  { 'a' => 1, 'b' => 2 }.reduce({}) |$memo, $pair| { $memo + { $pair[1] => $pair[0] } },
  [].reduce(0) |$m, $x| { $m + $x },
] }
