class demo { $count = 8
  file { '/tmp/r': content => template('demo/r.erb') }
}
