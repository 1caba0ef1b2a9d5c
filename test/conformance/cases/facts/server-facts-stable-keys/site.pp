notify { 'x': message => [$server_facts['serverversion'], $server_facts['environment'], $server_facts.keys.sort] }
