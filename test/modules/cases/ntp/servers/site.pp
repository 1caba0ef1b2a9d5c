# ntp with its own servers, preferred servers, restrictions and interfaces.
class { 'ntp':
  servers           => ['0.debian.pool.ntp.org', '1.debian.pool.ntp.org', 'ntp.example.test'],
  preferred_servers => ['ntp.example.test'],
  noselect_servers  => ['1.debian.pool.ntp.org'],
  iburst_enable     => true,
  restrict          => ['default kod nomodify notrap nopeer noquery', '127.0.0.1'],
  interfaces        => ['127.0.0.1', '192.0.2.10'],
  minpoll           => 4,
  maxpoll           => 10,
}
