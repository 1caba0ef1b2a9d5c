# A concat file with fragments in alphabetic order.
concat { '/etc/motd':
  owner => 'root',
  group => 'root',
}
concat::fragment { 'motd header':
  target  => '/etc/motd',
  content => "Welcome\n",
  order   => '01',
}
concat::fragment { 'motd body':
  target  => '/etc/motd',
  content => "Managed by Puppet\n",
  order   => '10',
}
