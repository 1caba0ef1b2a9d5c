notify { 'x': message => { 1 => 'int key', 2.5 => 'float', true => 'bool', [1, 2] => 'array', undef => 'nil' } }
