$a = -1
$b = - $c
$d = !true
$e = [*$f, 1]
