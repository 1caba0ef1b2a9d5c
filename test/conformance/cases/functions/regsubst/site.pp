notify { 'x': message => [
  regsubst('hello world', 'o', '0'),
  regsubst('hello world', 'o', '0', 'G'),
  regsubst('Hello', 'h', 'J', 'I'),
  regsubst('abc-def', /(\w+)-(\w+)/, '\2-\1'),
  regsubst(['a1', 'b2'], /\d/, 'N'),
  regsubst('a.b.c', '\.', '_', 'G'),
] }
