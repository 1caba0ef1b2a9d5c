$vals = [1, 1.5, 'str', true, undef, [1, 'a'], { 'k' => 1 }, /re/, Integer, default, 2 =~ Integer]
notify { 'x': message => $vals.map |$v| { String(type($v)) } }
