notify { 'x': message => [
  5 =~ Integer, 5 =~ Integer[6], 5 =~ Integer[1, 5], 5 =~ Float, 5.0 =~ Float[0.0, 10.0], 5 =~ Numeric,
  'a' =~ String, 'abc' =~ String[1, 2], 'abc' =~ String[3], '' =~ String[1],
  true =~ Boolean, undef =~ Undef, undef =~ Any, 'x' =~ Scalar, [] =~ Scalar,
] }
