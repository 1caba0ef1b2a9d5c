notify { 't1': message => Integer }
notify { 't2': message => "${Integer[1,5]} ${Hash[String, Array[Integer]]} ${Optional[String]}" }
notify { 't3': message => [String, Enum['a','b'], Pattern[/x/], Variant[Integer, Undef]] }
