$h = { 'apple' => 1, 'banana' => 2 }
notify { 'x': message => [/^ban/ in $h, 'APPLE' in $h, 1 in $h, /an/ in 'banana', String in $h] }
