class demo { include demo::conf
  file { '/tmp/q': content => template('demo/q.erb') }
}
