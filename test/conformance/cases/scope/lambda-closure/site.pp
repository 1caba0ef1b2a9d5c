$base = 10
$r = [1, 2, 3].map |$x| { $y = $x * $base $y + 1 }
notify { 'x': message => $r }
