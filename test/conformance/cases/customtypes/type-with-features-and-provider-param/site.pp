acme_repo { 'main':
  ensure   => present,
  url      => 'https://repo.example.test/debian',
  provider => 'apt',
  gpgkey   => 'ABCDEF',
}
