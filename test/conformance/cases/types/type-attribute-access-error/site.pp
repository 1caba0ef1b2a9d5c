notify { 'x': message => [Integer[1, 5].from, Integer[1, 5].to, Array[String].element_type, Hash[String, Integer].key_type, Optional[String].type, Enum['a', 'b'].values, String[2, 8].size_type] }
