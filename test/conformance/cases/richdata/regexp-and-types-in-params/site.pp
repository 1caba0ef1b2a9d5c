notify { 'x': message => [/a+b/, Integer[1, 2], Optional[String]] }
