notify { 'x': message => [type(1) == Integer[1, 1], type('ab') == String, "${type([1, 'a'])}", "${type({ 'a' => 1.5 })}"] }
