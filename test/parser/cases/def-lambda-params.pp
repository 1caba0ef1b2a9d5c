$a = $b.each |Integer $x, String[1] $y = 'a', *$z| >> Any { }
$c = $d.each || { 1 }
