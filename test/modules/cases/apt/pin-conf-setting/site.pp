# apt::pin, apt::conf, apt::setting and apt::mark.
class { 'apt':
  pins  => { 'nginx' => { 'packages' => 'nginx', 'origin' => 'nginx.org', 'priority' => 900 } },
  confs => { 'norecommends' => { 'content' => 'APT::Install-Recommends "false";', 'priority' => 50 } },
}
apt::pin { 'stable':
  priority => 700,
  release  => 'stable',
}
apt::conf { 'unattended':
  content => 'APT::Periodic::Unattended-Upgrade "1";',
}
apt::setting { 'conf-proxy-extra':
  content => 'Acquire::Retries "3";',
}
apt::mark { 'hold-kernel':
  setting => 'hold',
}
