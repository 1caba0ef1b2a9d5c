# ini_subsetting resources.
ini_subsetting { 'java opts':
  ensure             => present,
  section            => '',
  key_val_separator  => '=',
  path               => '/etc/default/app',
  setting            => 'JAVA_ARGS',
  subsetting         => '-Xmx',
  value              => '512m',
  quote_char         => '"',
}
