ini_setting { 'bad':
  path    => '/etc/x.ini',
  setting => 'k',
  value   => 'v',
  sektion => 'typo',
}
