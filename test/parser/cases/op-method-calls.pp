$a = $b.each |$x| { notice($x) }
$c = $d.map |$k, $v| { $v }.filter |$x| { $x }
$e = $f.size
$g = $h.join(",")
$i = [1,2].reduce(0) |$m, $x| { $m + $x }
$j = $k.type
