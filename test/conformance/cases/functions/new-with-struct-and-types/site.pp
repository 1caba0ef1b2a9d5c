notify { 'x': message => [
  Integer.new('12'), Struct[{ 'a' => Integer }].new({ 'a' => 1 }), Optional[Integer].new('5'),
  Array[String].new(['a']), String(Timespan('1-00:00:00')), SemVer('1.2.3-rc1'), SemVerRange('>=1.0 <2.0'),
  Regexp('^a.b$'), Binary('hello', '%s'),
] }
