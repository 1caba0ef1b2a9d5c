class demo { $name_s = 'webapp'
  $path = '/var/lib/webapp'
  $csv = 'a, b,, c'
  file { '/tmp/s': content => template('demo/s.erb') }
}
