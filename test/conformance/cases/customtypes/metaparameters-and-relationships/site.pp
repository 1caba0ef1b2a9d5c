file { '/etc/app.ini': ensure => file }
ini_setting { 'app port':
  path     => '/etc/app.ini',
  section  => 'server',
  setting  => 'port',
  value    => 8080,
  require  => File['/etc/app.ini'],
  notify   => Exec['reload app'],
  tag      => ['app'],
  loglevel => info,
}
exec { 'reload app': command => '/bin/true', refreshonly => true }
Ini_setting['app port'] -> Exec['reload app']
