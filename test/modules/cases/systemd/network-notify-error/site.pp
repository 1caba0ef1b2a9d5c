# systemd::network notifies Service[systemd-networkd], which the systemd class here does not declare.
class { 'systemd':
  manage_resolved => true,
  dns             => ['192.0.2.53'],
  fallback_dns    => ['192.0.2.54'],
  domains         => ['example.test'],
  dnssec          => false,
  manage_networkd => true,
}
systemd::network { 'eth0.network':
  content => "[Match]\nName=eth0\n\n[Network]\nDHCP=yes\n",
}
