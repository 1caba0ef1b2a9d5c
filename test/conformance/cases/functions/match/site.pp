notify { 'x': message => [
  match('abc123', /([a-z]+)(\d+)/),
  match('nomatch', /\d/),
  match(['a1', 'b', 'c3'], /(\w)(\d)/),
  'key=value'.match(/^(\w+)=(\w+)$/),
  match('x', 'x'),
] }
