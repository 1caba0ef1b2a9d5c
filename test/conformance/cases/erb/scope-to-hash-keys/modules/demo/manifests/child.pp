class demo::child inherits demo {
  $own = 'mine'
  file { '/tmp/vars': content => template('demo/vars.erb') }
}
