$v = lookup('profile::packages', Array[String], 'first')
notify { 'first': message => join($v, ',') }
