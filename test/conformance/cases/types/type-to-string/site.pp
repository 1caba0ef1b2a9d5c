notify { 'x': message => [
  Integer[1], Integer[default, 10], Float[1.5], String[1, 2], Array[String, 1], Hash[String, Integer, 1, 5],
  Enum['b', 'a'], Pattern[/x/], Optional[Integer], Variant[String, Integer], Tuple[String, Integer, 1, 2],
  Struct[{ 'a' => Integer, Optional['b'] => String }], Callable[[String], Integer], Type[Integer],
  Resource['notify'], Notify, Notify['x'], Class['foo'], Sensitive[String], Iterable[Integer], Iterator,
  Timespan, Timestamp, SemVer, SemVerRange, Binary, Runtime['ruby', 'Foo'], NotUndef[String], Init[Integer],
].map |$t| { "${t}" } }
