$a = { 'x' => 1, 'y' => 2 }
$b = { 'y' => 20, 'a' => 0 }
notify { 'x': message => [$a + $b, $b + $a, ($a + $b) - ['x'], keys($a + $b)] }
