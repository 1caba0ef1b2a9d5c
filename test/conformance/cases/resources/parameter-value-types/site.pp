notify { 'x': message => { 'int' => 1, 'float' => 1.5, 'bool' => true, 'nil' => undef, 'arr' => [1, [2]], 'str' => 'x' } }
