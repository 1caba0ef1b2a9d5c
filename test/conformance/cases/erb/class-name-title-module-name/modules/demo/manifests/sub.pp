class demo::sub {
  file { '/tmp/n': content => template('demo/n.erb') }
}
