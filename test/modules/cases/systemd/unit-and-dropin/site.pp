# systemd::unit_file and systemd::dropin_file with content and enable/active.
systemd::unit_file { 'app.service':
  content => "[Unit]\nDescription=App\n\n[Service]\nExecStart=/usr/bin/app\n",
  enable  => true,
  active  => true,
}
systemd::dropin_file { 'limits.conf':
  unit    => 'app.service',
  content => "[Service]\nLimitNOFILE=4096\n",
}
systemd::service_limits { 'nginx.service':
  limits => { 'LimitNOFILE' => 8192, 'LimitNPROC' => 16384 },
}
