class demo {
  $hosts = { 'db1' => '192.0.2.21', 'web1' => '192.0.2.11', 'cache1' => '192.0.2.31' }
  file { '/etc/hosts': content => template('demo/hosts.erb') }
}
