notify { 'x': message => [
  Integer('42'), Integer('0x1F'), Integer('0b101'), Integer('0777'), Integer('-12'), Integer(3.99), Integer('10', 2),
  Float('1.5'), Float(3), Float('1e3'), Numeric('0x10'), Numeric('2.5'),
  String(42), String(1.0), String([1, 'a']), String(undef), String(true),
  Boolean('true'), Boolean('no'), Boolean(0), Boolean('Yes'),
  Array('abc'), Array({ 'a' => 1 }), Array(5, true), Array([1]),
  Hash([['a', 1], ['b', 2]]), Hash(['k', 'v', 'k2', 'v2']),
] }
