$h = { 'a' => 1 }
notify { 'x': message => [
  $h['a'].then |$x| { $x + 1 },
  $h['b'].then |$x| { $x + 1 },
  $h['b'].lest || { 'fallback' },
  $h['a'].lest || { 'fallback' },
] }
