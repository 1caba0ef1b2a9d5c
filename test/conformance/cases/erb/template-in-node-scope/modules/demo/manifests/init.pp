class demo {
  file { '/etc/role': content => template('demo/role.erb') }
}
