# collectd with common plugins, a network server, a filecount directory and a typesdb.
class { 'collectd':
  purge           => true,
  recurse         => true,
  purge_config    => true,
  minimum_version => '5.12',
  manage_repo     => false,
}
class { 'collectd::plugin::cpu':
  reportbystate => true,
}
include collectd::plugin::memory
include collectd::plugin::load
class { 'collectd::plugin::df':
  fstypes          => ['ext4', 'xfs'],
  ignoreselected   => false,
  valuespercentage => true,
}
class { 'collectd::plugin::interface':
  interfaces     => ['lo'],
  ignoreselected => true,
}
collectd::plugin::network::server { 'graphite.example.test':
  port => 25826,
}
collectd::plugin::filecount::directory { 'spool':
  path    => '/var/spool/postfix/incoming',
  pattern => '*',
}
collectd::typesdb { '/etc/collectd/types.db': }
