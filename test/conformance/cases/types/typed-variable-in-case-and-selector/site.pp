$v = [1, 'a']
$r = $v ? { Array[Integer] => 'ints', Array[Variant[Integer, String]] => 'mixed', default => 'other' }
notify { 'x': message => $r }
