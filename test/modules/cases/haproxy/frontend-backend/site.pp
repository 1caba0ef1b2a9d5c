# haproxy with custom global options, a frontend, a backend and a userlist.
class { 'haproxy':
  global_options   => { 'maxconn' => '4000', 'user' => 'haproxy' },
  defaults_options => { 'mode' => 'http', 'timeout' => ['connect 5s', 'client 30s', 'server 30s'] },
  merge_options    => true,
}
haproxy::frontend { 'web':
  ipaddress => '0.0.0.0',
  ports     => '80',
  mode      => 'http',
  options   => { 'default_backend' => 'app', 'option' => ['httplog'] },
}
haproxy::backend { 'app':
  collect_exported => false,
  options          => { 'balance' => 'roundrobin' },
}
haproxy::userlist { 'admins':
  users => ['admin insecure-password secret'],
}
