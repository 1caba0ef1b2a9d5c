# firewall rules and chains (custom types with title patterns).
firewall { '000 accept all icmp':
  proto  => 'icmp',
  action => 'accept',
}
firewall { '001 accept related established':
  proto  => 'all',
  state  => ['RELATED', 'ESTABLISHED'],
  action => 'accept',
}
firewall { '100 allow ssh':
  dport  => 22,
  proto  => 'tcp',
  action => 'accept',
}
firewallchain { 'INPUT:filter:IPv4':
  ensure => present,
  policy => drop,
  before => undef,
}
resources { 'firewall':
  purge => true,
}
