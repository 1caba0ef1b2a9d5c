ini_setting { 'relative':
  path    => 'relative/x.ini',
  setting => 'k',
  value   => 'v',
}
