$r = mylib::retry_map([1, 2, 3]) |$x| { $x * 10 }
notify { 'block': message => $r }
$s = mylib::retry_map(['a']) |$x, $i| { "${i}:${x}" }
notify { 'block2': message => $s }
