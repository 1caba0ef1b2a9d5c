class demo {
  $list = ['a', 1, true]
  $map = { 'k' => 'v', 'n' => [1, 2] }
  $nested = [{ 'x' => undef }]
  file { '/tmp/p': content => template('demo/p.erb') }
}
