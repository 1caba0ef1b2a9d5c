$a = 1 + 2 * 3 - 4 / 5 % 6
$b = 1 << 2 + 3
$c = $x < $y == $z
$d = !$a and $b or $c
$e = -$x[1]
$f = $a in $b =~ /x/
