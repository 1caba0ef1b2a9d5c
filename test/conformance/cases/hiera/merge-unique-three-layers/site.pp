$v = lookup('profile::packages', Array[String], 'unique')
notify { 'unique': message => $v }
