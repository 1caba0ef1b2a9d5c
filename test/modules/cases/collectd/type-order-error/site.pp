# collectd::type makes a concat fragment whose order holds the ds string; concat::fragment rejects the ':' with fail().
include collectd
collectd::typesdb { '/etc/collectd/types.db': }
collectd::type { 'queue':
  target => '/etc/collectd/types.db',
  ds     => 'length:GAUGE:0:U',
}
