$v = lookup('app::unknown') |$key| { "no value for ${key}" }
notify { 'block': message => $v }
$w = lookup('app::port') |$key| { 0 }
notify { 'found': message => $w }
