# ini_setting resources (a custom type from the module).
ini_setting { 'sample setting':
  ensure  => present,
  path    => '/tmp/foo.ini',
  section => 'bar',
  setting => 'baz',
  value   => 'quux',
}
ini_setting { 'no section':
  ensure            => present,
  path              => '/tmp/foo.ini',
  section           => '',
  setting           => 'top',
  value             => 'level',
  key_val_separator => ': ',
}
ini_setting { 'gone':
  ensure  => absent,
  path    => '/tmp/foo.ini',
  section => 'bar',
  setting => 'old',
}
