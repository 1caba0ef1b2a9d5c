notify { 'x': message => [unique([1, 2, 1, 3, 2]), unique(['a', 'A', 'a']), unique('aabbc'), unique({ 'a' => 1, 'b' => 1, 'c' => 2 }), unique([1, 2, 3]) |$x| { $x % 2 }] }
