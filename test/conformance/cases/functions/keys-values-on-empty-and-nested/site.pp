notify { 'x': message => [keys({}), values({}), keys({ 'a' => { 'b' => 1 } }), values({ 1 => [2] })] }
