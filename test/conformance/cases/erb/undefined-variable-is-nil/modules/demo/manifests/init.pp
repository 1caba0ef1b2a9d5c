class demo { $explicit_undef = undef
  file { '/tmp/u': content => template('demo/u.erb') }
}
