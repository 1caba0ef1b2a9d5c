# dns with a forward and a reverse zone, a key and options.
class { 'dns':
  forwarders        => ['192.0.2.53', '192.0.2.54'],
  allow_recursion   => ['localnets', 'localhost'],
  listen_on_v6      => 'none',
  dnssec_validation => 'auto',
}
dns::zone { 'example.test':
  soa     => 'ns1.example.test',
  soaip   => '192.0.2.1',
  contact => 'hostmaster.example.test',
  serial  => 2024010101,
}
dns::zone { '2.0.192.in-addr.arpa':
  reverse => true,
  soa     => 'ns1.example.test',
  soaip   => '192.0.2.1',
}
dns::key { 'rndc-update': }
