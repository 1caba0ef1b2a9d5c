[$a, $b, $c] = [1, 'two', [3]]
[$x, $y] = { 'x' => 'ex', 'y' => 'why', 'z' => 'zed' }
notify { 'x': message => [$a, $b, $c, $x, $y] }
