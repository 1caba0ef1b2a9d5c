notify { 'x': message => join(Array(Integer[1, 200]).map |$i| { "item${i}" }, ',') }
