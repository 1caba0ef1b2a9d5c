# postgresql::server with the version given (the module has no default for Debian 12).
class { 'postgresql::globals':
  version => '15',
}
include postgresql::server
