# ssh::server with options, match blocks and a client with options.
class { 'ssh::server':
  options => {
    'PermitRootLogin'        => 'no',
    'PasswordAuthentication' => 'no',
    'Port'                   => [22, 2222],
    'Match User deploy'      => { 'X11Forwarding' => 'no' },
  },
  storeconfigs_enabled => false,
}
class { 'ssh::client':
  options => { 'Host *.example.test' => { 'User' => 'admin' } },
  storeconfigs_enabled => false,
}
