# Collectd::Type's ds is a String: an array is rejected with Puppet's mismatch message.
include collectd
collectd::typesdb { '/etc/collectd/types.db': }
collectd::type { 'queue':
  target => '/etc/collectd/types.db',
  ds     => ['length:GAUGE:0:U'],
}
