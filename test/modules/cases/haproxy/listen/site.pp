# haproxy with a listen section and balancer members.
include haproxy
haproxy::listen { 'puppet00':
  collect_exported => false,
  ipaddress        => '192.0.2.10',
  ports            => '8140',
}
haproxy::balancermember { 'master00':
  listening_service => 'puppet00',
  server_names      => 'master00.example.test',
  ipaddresses       => '192.0.2.20',
  ports             => '8140',
  options           => 'check',
}
