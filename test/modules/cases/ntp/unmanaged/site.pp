# ntp without package and service management, a stopped service elsewhere.
class { 'ntp':
  package_manage => false,
  service_manage => false,
  config_file_mode => '0640',
  driftfile => '/var/lib/ntp/ntp.drift',
  logfile   => '/var/log/ntp.log',
}
