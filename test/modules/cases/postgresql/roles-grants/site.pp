# postgresql roles, databases, grants, a schema and config entries.
class { 'postgresql::globals':
  version => '15',
}
class { 'postgresql::server':
  listen_addresses => '*',
  port             => 5433,
}
postgresql::server::role { 'reporting':
  password_hash => postgresql::postgresql_password('reporting', 'pw'),
  createdb      => false,
  connection_limit => 10,
}
postgresql::server::database { 'reports':
  owner => 'reporting',
}
postgresql::server::schema { 'stats':
  db    => 'reports',
  owner => 'reporting',
}
postgresql::server::grant { 'reporting on reports':
  privilege   => 'CONNECT',
  db          => 'reports',
  role        => 'reporting',
  object_type => 'DATABASE',
}
postgresql::server::config_entry { 'work_mem':
  value => '16MB',
}
