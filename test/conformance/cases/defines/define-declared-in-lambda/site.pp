define d($v) { notify { "d-${title}": message => $v } }
['a', 'b'].each |$i, $x| { d { $x: v => $i } }
