notify { 'x': message => [
  [1, 2].map |$x| { $x * 10 },
  [1, 2].map |$i, $x| { "${i}:${x}" },
  { 'a' => 1 }.map |$k, $v| { "${k}=${v}" },
  { 'a' => 1 }.map |$pair| { $pair },
  3.map |$x| { $x },
  'ab'.map |$c| { upcase($c) },
] }
