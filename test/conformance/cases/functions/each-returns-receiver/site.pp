$r = [1, 2].each |$x| { notify { "each-${x}": } }
$h = { 'k' => 'v' }.each |$k, $v| { notify { "hash-${k}-${v}": } }
notify { 'x': message => [$r, $h] }
