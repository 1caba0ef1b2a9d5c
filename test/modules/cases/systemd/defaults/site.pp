# The systemd class with journald and logind settings.
class { 'systemd':
  manage_journald  => true,
  journald_settings => { 'Storage' => 'persistent', 'SystemMaxUse' => '100M' },
  manage_logind    => true,
  logind_settings  => { 'HandleLidSwitch' => 'ignore' },
  manage_timesyncd => true,
  ntp_server       => ['0.pool.ntp.org', '1.pool.ntp.org'],
}
