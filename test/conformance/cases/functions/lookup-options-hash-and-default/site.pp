notify { 'x': message => [lookup('missing', { 'default_value' => 'dv' }), lookup({ 'name' => 'present', 'default_value' => 'x' }), lookup('missing', String, 'first', 'third-arg-default')] }
