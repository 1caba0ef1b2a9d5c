$osname = 'Debian'
case $osname {
  'RedHat', 'CentOS': { $fam = 'rh' }
  /^(Deb|Ubu)/: { $fam = "debian-like ${1}" }
  default: { $fam = 'other' }
}
notify { 'fam': message => $fam }
