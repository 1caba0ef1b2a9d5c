# apt::key from a keyserver and from a source, an absent source and a source with a pin hash.
include apt
apt::key { 'puppetlabs':
  id     => '6F6B15509CF8E59E6E469F327F438280EF8D349F',
  server => 'keyserver.ubuntu.com',
}
apt::key { 'local':
  id     => 'A1BD8E9D78F7FE5C3E65D8AF8B48AD6246925553',
  source => 'https://keys.example.test/local.asc',
}
apt::source { 'old':
  ensure => absent,
}
apt::source { 'pinned':
  location => 'http://deb.example.test/pinned',
  release  => 'bookworm',
  repos    => 'main',
  pin      => { 'priority' => 1001, 'originator' => 'Example' },
  include  => { 'deb' => true, 'src' => false },
}
