$d = { 'a' => 'str' }
notify { 'x': message => $d.dig('a', 'b') }
