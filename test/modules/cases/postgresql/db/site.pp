# postgresql::server::db with a pg_hba rule and a role.
class { 'postgresql::globals':
  version  => '15',
  encoding => 'UTF-8',
  locale   => 'en_US.UTF-8',
}
include postgresql::server
postgresql::server::db { 'appdb':
  user     => 'app',
  password => postgresql::postgresql_password('app', 'secret'),
}
postgresql::server::pg_hba_rule { 'allow app network':
  type        => 'host',
  database    => 'appdb',
  user        => 'app',
  address     => '192.0.2.0/24',
  auth_method => 'md5',
}
