notify { 'x': message => [$facts.keys.sort, $trusted['certname']] }
