# apt::source with a location, components, architecture, a key and a pin.
include apt
apt::source { 'example':
  location     => 'http://deb.example.test/debian',
  repos        => 'main contrib',
  architecture => 'amd64',
  key          => {
    'id'     => '6ED6F5CB5FA6FB2F460AE88EEDA0D2388AE22BA9',
    'server' => 'keyserver.ubuntu.com',
  },
  pin          => 500,
  include      => { 'src' => true },
}
apt::source { 'signed':
  location => 'https://pkg.example.test/apt',
  release  => 'stable',
  keyring  => '/usr/share/keyrings/example.gpg',
  comment  => 'Signed-by repository',
}
