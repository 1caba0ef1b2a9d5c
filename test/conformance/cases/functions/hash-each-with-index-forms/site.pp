$h = { 'a' => 1, 'b' => 2 }
$h.each |$pair| { notify { "pair-${pair[0]}": message => $pair[1] } }
$h.each |$k, $v| { notify { "kv-${k}": message => $v } }
[10, 20].each |$i, $v| { notify { "idx-${i}": message => $v } }
