# An absent concat file.
concat { '/etc/old.conf':
  ensure => absent,
}
