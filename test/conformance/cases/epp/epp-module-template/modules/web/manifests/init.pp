class web($port = 80, $names = ['a', 'b']) {
  file { '/etc/web.conf': content => epp('web/web.conf.epp', { 'port' => $port, 'names' => $names }) }
}
