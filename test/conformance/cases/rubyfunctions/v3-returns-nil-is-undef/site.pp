$v = mylib_nothing()
notify { 'nil': message => "undef=${$v =~ Undef}", withpath => $v }
