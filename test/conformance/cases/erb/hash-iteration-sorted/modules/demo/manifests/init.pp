class demo {
  $settings = { 'vm.swappiness' => 10, 'net.ipv4.ip_forward' => 1, 'fs.file-max' => 65536 }
  file { '/etc/sysctl.d/99-puppet.conf': content => template('demo/sysctl.erb') }
}
