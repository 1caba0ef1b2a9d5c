$a = $b ? { 1 => one, /x/ => two, default => three, }
$c = $d ? e => f
$g = $h ? { a => b } ? { c => d }
