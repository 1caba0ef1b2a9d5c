$v = 'web-07'
notify { 'a': message => $v ? { /^(\w+)-(\d+)$/ => "${1}:${2}", default => 'none' } }
notify { 'b': message => 42 ? { String => 's', Integer[40, 50] => 'in range', default => 'd' } }
notify { 'c': message => [1, 2] ? { [1, 2] => 'arr', default => 'd' } }
