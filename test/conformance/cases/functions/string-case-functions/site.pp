notify { 'x': message => [
  upcase('héllo'), downcase('ÀBC'), capitalize('hello world'), camelcase('foo_bar_baz'),
  upcase(['a', 'b']), downcase('MiXeD'),
] }
