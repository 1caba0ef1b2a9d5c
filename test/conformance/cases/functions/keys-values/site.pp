$h = { 'b' => 2, 'a' => 1, 'c' => [3] }
notify { 'x': message => [keys($h), values($h), $h.keys, {}.keys] }
