$d = { 'a' => { 'b' => [10, { 'c' => 'deep' }] } }
notify { 'x': message => [$d.dig('a', 'b', 1, 'c'), $d.dig('a', 'x', 'y'), dig($d, 'a', 'b', 0), $d.dig()] }
