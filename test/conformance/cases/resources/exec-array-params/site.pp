exec { 'e':
  command => ['/usr/bin/test', '-f', '/tmp/x'],
  unless => ['/bin/false', '/bin/true'],
  environment => ['A=1', 'B=two words'],
  path => '/usr/bin:/bin',
  timeout => 30,
}
