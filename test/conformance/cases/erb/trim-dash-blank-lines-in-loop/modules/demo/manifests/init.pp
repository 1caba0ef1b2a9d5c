class demo {
  $backends = [{ 'host' => 'a' }, { 'host' => 'b', 'down' => true }, { 'host' => 'c', 'weight' => 5 }]
  file { '/tmp/l': content => template('demo/l.erb') }
}
