class demo { $v = 'V'
  file { '/tmp/lit': content => template('demo/lit.erb') }
}
