$b = $a = 5
notify { 'x': message => [$a, $b] }
