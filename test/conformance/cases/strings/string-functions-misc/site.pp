notify { 'x': message => [
  'Hello'.upcase, Array("a-b-c".split('-').reverse_each).join('-'), 'x'.length, 'abc'.split('').reverse_each.map |$c| { $c }.join,
] }
