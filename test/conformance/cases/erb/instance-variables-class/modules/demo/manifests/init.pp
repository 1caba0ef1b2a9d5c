class demo (String $owner = 'ops', Array[Integer] $ports = [22, 80]) {
  $fqdn_name = $facts['networking']['fqdn']
  file { '/etc/motd': content => template('demo/motd.erb') }
}
