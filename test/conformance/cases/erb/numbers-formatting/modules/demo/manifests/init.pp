class demo {
  $small = 0.125
  $large = 1234567
  $neg = -17
  $exp = 1.5e-7
  $whole = 3.0
  file { '/tmp/num': content => template('demo/num.erb') }
}
