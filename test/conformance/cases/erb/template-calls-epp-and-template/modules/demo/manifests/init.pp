class demo { $shared = 'S'
  file { '/tmp/nested': content => template('demo/outer.erb') }
}
