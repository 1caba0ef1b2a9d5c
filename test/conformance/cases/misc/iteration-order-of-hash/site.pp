$h = { 'z' => 1, 'a' => 2, 'm' => 3 }
$h.each |$k, $v| { notify { "h-${k}": message => $v } }
notify { 'x': message => $h + { 'b' => 4, 'z' => 9 } }
