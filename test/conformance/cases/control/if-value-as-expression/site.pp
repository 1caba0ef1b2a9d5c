$v = if false { 'a' } else { 'b' }
$w = if false { 'a' }
notify { 'x': message => [$v, $w] }
