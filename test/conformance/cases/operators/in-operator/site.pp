notify { 'x': message => [
  'a' in ['a', 'b'],
  'A' in ['a'],
  'k' in { 'k' => 1 },
  'ell' in 'hello',
  'ELL' in 'hello',
  /^h/ in ['x', 'hey'],
  Integer in ['a', 1],
  2 in [1, 2.0],
] }
