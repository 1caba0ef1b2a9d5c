$a = [1, 2]
$h = { 'k' => 'v' }
notify { 'x': message => [$a[5], $a[-9], $h['nope'], 'abc'[10], $a[1, 10]] }
