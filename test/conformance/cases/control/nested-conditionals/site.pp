$facts_os = $facts['os']['family']
if $facts_os == 'Debian' {
  case $facts['os']['release']['major'] {
    '12': { $codename = $facts['os']['distro']['codename'] ? { 'bookworm' => 'yes', default => 'no' } }
    default: { $codename = 'old' }
  }
}
notify { 'x': message => $codename }
