notify { 'x': message => [
  'present' =~ Enum['present', 'absent'], 'PRESENT' =~ Enum['present'], 'x' =~ Enum['a', 'b'],
  'abc123' =~ Pattern[/^[a-z]+\d+$/], 'zzz' =~ Pattern[/a/, /z/], 'q' =~ Pattern[/a/],
  5 =~ Variant[String, Integer], [] =~ Variant[String, Integer],
  undef =~ Optional[String], 'a' =~ Optional[String], 1 =~ NotUndef, undef =~ NotUndef,
] }
