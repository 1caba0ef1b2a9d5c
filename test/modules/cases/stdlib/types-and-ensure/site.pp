# Stdlib type aliases as class parameters and the Puppet-language function stdlib::ensure.
class web (
  Stdlib::Absolutepath $docroot,
  Stdlib::Port $port,
  Stdlib::Fqdn $server_name,
  Stdlib::HTTPUrl $upstream,
  Stdlib::Filemode $mode = '0644',
  Stdlib::Ensure::Service $service_ensure = 'running',
  Boolean $enabled = true,
) {
  file { $docroot:
    ensure => stdlib::ensure($enabled, 'directory'),
    mode   => $mode,
  }
  service { 'nginx':
    ensure => stdlib::ensure($enabled, 'service'),
    enable => true,
  }
  package { 'nginx':
    ensure => stdlib::ensure($enabled, 'package'),
  }
  notify { 'web':
    message => "${server_name}:${port} -> ${upstream} (${service_ensure})",
  }
}
class { 'web':
  docroot     => '/srv/www',
  port        => 8080,
  server_name => 'www.example.test',
  upstream    => 'http://127.0.0.1:9000/',
}
$checks = {
  'ip4'   => '192.0.2.1' =~ Stdlib::IP::Address::V4,
  'ip6'   => 'fd00::1' =~ Stdlib::IP::Address::V6,
  'mac'   => '02:fc:00:00:00:10' =~ Stdlib::MAC,
  'email' => 'root@example.test' =~ Stdlib::Email,
  'unix'  => '/etc/hosts' =~ Stdlib::Unixpath,
  'win'   => 'C:\\Windows' =~ Stdlib::Windowspath,
  'size'  => '10G' =~ Stdlib::Datasize,
  'base64' => 'aGVsbG8=' =~ Stdlib::Base64,
}
notify { 'checks': message => $checks }
