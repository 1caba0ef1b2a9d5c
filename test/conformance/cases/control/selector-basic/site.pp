$osname = 'Debian'
$pkg = $osname ? {
  'RedHat' => 'httpd',
  /Debian|Ubuntu/ => 'apache2',
  default => 'unknown',
}
notify { 'pkg': message => $pkg }
