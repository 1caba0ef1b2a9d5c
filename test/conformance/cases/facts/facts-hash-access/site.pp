notify { 'x': message => [$facts['os']['release']['major'], $facts['networking']['interfaces']['eth0']['ip'], $facts['processors']['count'], $facts['is_virtual']] }
