notify { 'x': message => $trusted }
notify { 'certname': message => [$trusted['certname'], $trusted['hostname'], $trusted['domain'], $trusted['authenticated']] }
