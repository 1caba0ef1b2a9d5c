class demo { $x = '-'
  file { '/tmp/ws': content => template('demo/ws.erb') }
}
