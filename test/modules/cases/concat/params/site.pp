# Concat with numeric order, a newline ensured, validation and fragments from source.
concat { 'hosts.allow':
  path           => '/etc/hosts.allow',
  mode           => '0640',
  order          => 'numeric',
  ensure_newline => true,
  validate_cmd   => '/usr/bin/test -f %',
  backup         => false,
  show_diff      => false,
}
concat::fragment { 'allow ssh':
  target  => 'hosts.allow',
  content => 'sshd: ALL',
  order   => 2,
}
concat::fragment { 'allow local':
  target => 'hosts.allow',
  source => 'puppet:///modules/site/local',
  order  => 10,
}
