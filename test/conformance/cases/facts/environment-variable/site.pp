notify { 'x': message => [$environment, $::environment, $server_facts['environment']] }
