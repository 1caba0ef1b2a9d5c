$h = { a => 1, 'b' => 2, "c" => 3, 4 => 'four' }
notify { 'x': message => [$h['a'], $h[b], $h["c"], $h[4]] }
