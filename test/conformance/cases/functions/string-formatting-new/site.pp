notify { 'x': message => [
  String(255, '%x'), String(255, '%#x'), String(3.14159, '%.2f'), String('x', '%5s'),
  String({ 'a' => 1 }, { Hash => { 'format' => '%h' } }), String(true, '%y'), String('str', '%p'),
] }
