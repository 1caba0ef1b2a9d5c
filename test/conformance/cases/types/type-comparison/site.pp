notify { 'x': message => [
  Integer < Numeric, Integer <= Integer, Numeric > Float, String < Integer,
  Integer[1, 5] < Integer, Integer == Integer[default, default], Array[String] < Array, Enum['a'] < String,
  Optional[String] == Variant[String, Undef], Any > Data, Data < RichData,
] }
