# mysql::server with a root password and overrides.
class { 'mysql::server':
  root_password    => 'secret',
  override_options => { 'mysqld' => { 'max_connections' => 200, 'bind-address' => '127.0.0.1' } },
}
