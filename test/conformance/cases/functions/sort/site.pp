notify { 'x': message => [
  sort([3, 1, 2]), sort(['b', 'A', 'a', 'B']), sort([3, 1, 2]) |$a, $b| { compare($b, $a) },
  sort('hello'), sort([1.5, 1, 0.5]),
] }
