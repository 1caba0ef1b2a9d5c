notify { 'x': message => [
  [1, 2, 3].any |$x| { $x > 2 }, [1, 2, 3].all |$x| { $x > 0 }, [].any |$x| { true }, [].all |$x| { false },
  { 'a' => 1 }.any |$k, $v| { $v == 1 }, { 'a' => 1 }.all |$pair| { $pair[0] == 'b' },
] }
