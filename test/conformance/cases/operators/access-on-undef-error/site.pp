$h = { 'a' => 1 }
notify { 'x': message => $h['missing']['deeper'] }
