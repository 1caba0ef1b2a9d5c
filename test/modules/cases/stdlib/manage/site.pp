# stdlib::manage declares resources from a hash of types and titles.
class { 'stdlib::manage':
  create_resources => {
    'file'   => { '/etc/motd' => { 'ensure' => 'file', 'content' => "hello\n" } },
    'notify' => { 'managed' => { 'message' => 'from stdlib::manage' } },
  },
}
