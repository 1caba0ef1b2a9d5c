ini_setting { 'php memory_limit':
  ensure  => present,
  path    => '/etc/php/8.2/fpm/php.ini',
  section => 'PHP',
  setting => 'memory_limit',
  value   => '256M',
}
