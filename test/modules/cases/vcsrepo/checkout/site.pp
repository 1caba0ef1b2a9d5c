# vcsrepo checkouts (a custom type).
vcsrepo { '/srv/app':
  ensure   => present,
  provider => git,
  source   => 'https://git.example.test/app.git',
  revision => 'main',
  user     => 'deploy',
}
vcsrepo { '/srv/docs':
  ensure   => latest,
  provider => git,
  source   => { 'origin' => 'https://git.example.test/docs.git' },
  depth    => 1,
}
