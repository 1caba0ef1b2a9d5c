notify { 'x': message => [
  Integer =~ Type, Integer =~ Type[Numeric], String =~ Type[Numeric],
  'a' =~ Data, [1, { 'a' => undef }] =~ Data, /re/ =~ Data, /re/ =~ Regexp, /re/ =~ Regexp[/re/],
  'a' =~ RichData, Integer =~ RichData,
  'a' =~ Collection, [] =~ Collection, {} =~ Collection[1],
  default =~ Default, 'x' =~ Default,
  'foo' =~ Iterable, 3 =~ Iterable, [1] =~ Iterable[Integer],
  Sensitive('x') =~ Sensitive, Sensitive('x') =~ Sensitive[String], 'x' =~ Sensitive,
  Notify['x'] =~ Type[Resource], Class['a'] =~ Type[Class],
] }
