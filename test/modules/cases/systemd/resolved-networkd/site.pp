# systemd with resolved (DNS settings) and networkd managed.
class { 'systemd':
  manage_resolved => true,
  dns             => ['192.0.2.53'],
  fallback_dns    => ['192.0.2.54'],
  domains         => ['example.test'],
  dnssec          => false,
  manage_networkd => true,
}
