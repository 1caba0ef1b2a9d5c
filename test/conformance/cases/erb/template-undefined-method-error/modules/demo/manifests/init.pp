class demo { $items = [1, 2]
  file { '/tmp/bad': content => template('demo/bad.erb') }
}
