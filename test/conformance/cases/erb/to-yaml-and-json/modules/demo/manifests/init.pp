class demo {
  $config = { 'name' => 'svc', 'ports' => [80, 443], 'tls' => { 'enabled' => true } }
  file { '/etc/svc.yaml': content => template('demo/cfg.erb') }
}
