notify { 'x': message => [
  [1, 2] =~ Array[Integer], [1, 'a'] =~ Array[Integer], [] =~ Array[String, 1], [1, 2, 3] =~ Array[Any, 2, 3],
  { 'a' => 1 } =~ Hash[String, Integer], { 1 => 1 } =~ Hash[String, Any], {} =~ Hash[String, String, 1],
  [1, 'a'] =~ Tuple[Integer, String], [1, 'a', 'b'] =~ Tuple[Integer, String], [1, 'a', 'b'] =~ Tuple[Integer, String, 1, default],
  { 'name' => 'x', 'port' => 80 } =~ Struct[{ 'name' => String, 'port' => Integer, Optional['x'] => Any }],
  { 'name' => 'x' } =~ Struct[{ 'name' => String, 'port' => Integer }],
] }
