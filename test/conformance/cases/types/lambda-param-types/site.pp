$r = [1, 2, 3].map |Integer $x| { $x * 2 }
notify { 'x': message => $r }
