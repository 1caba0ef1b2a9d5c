notify { 'arr': message => [1, 'a', [2, 3], {'k' => 'v'},] }
notify { 'hash': message => { 'b' => 2, 'a' => 1, 3 => 'three', } }
notify { 'empty': message => [[], {}] }
