notify { 'x': message => [$facts['role'], $role, $facts['datacenter']['rack'], $facts['weights'], $facts['flag']] }
