class demo {
  $items = ['a', 'b', 'c']
  file { '/tmp/fn': content => template('demo/fn.erb') }
}
