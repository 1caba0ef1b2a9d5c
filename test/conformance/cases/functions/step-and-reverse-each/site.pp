notify { 'x': message => [
  Array([0, 1, 2, 3, 4, 5, 6].step(2)),
  Array([1, 2, 3].reverse_each),
  Array(Integer[0, 9].step(3)),
  [1, 2, 3].reverse_each.map |$x| { $x * 2 },
] }
