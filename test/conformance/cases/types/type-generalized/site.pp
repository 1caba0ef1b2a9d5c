notify { 'x': message => [type(5, 'generalized'), type('abc', 'generalized'), type([1, 2], 'generalized'), type({ 'a' => 1 }, 'reduced')].map |$t| { "${t}" } }
