# mysql::db with a user and grants, and the client.
include mysql::server
include mysql::client
mysql::db { 'appdb':
  user     => 'app',
  password => 'apppass',
  host     => 'localhost',
  grant    => ['SELECT', 'UPDATE'],
}
