notify { 'x': message => [$trusted['certname'], $trusted['hostname'], $trusted['domain'], $clientcert] }
