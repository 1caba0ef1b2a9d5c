# The same module on a Red Hat Enterprise Linux 8 node (the module's RedHat-family defaults).
include haproxy
haproxy::listen { 'stats':
  collect_exported => false,
  ipaddress        => '127.0.0.1',
  ports            => '9090',
  options          => { 'mode' => 'http', 'stats' => ['uri /', 'auth admin:secret'] },
}
