# ssh client and server with a known hosts entry.
class { 'ssh':
  storeconfigs_enabled => false,
  server_options       => { 'X11Forwarding' => 'no' },
  client_options       => { 'ForwardAgent' => 'no' },
}
sshkey { 'git.example.test':
  ensure => present,
  type   => 'ssh-ed25519',
  key    => 'AAAAC3NzaC1lZDI1NTE5AAAAIExample',
}
