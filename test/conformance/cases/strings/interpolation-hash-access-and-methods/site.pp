$h = { 'k' => ['x', 'y'], 'n' => 3 }
notify { 'x': message => "${h['k'][1]} ${h['n'] + 1} ${h.keys.join('/')} ${h[k][0]}" }
