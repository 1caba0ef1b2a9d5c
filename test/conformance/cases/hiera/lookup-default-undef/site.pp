$v = lookup('app::nothing', Optional[String], undef, undef)
notify { 'undef': message => "value=${v} isundef=${$v =~ Undef}" }
