class demo {
  $i = 42
  $f = 0.1
  $b = false
  $a = [1, 'two', [3]]
  $h = { 'k' => 'v', 'n' => 1 }
  $s = "quote\"d"
  $big = 12345678901234
  file { '/tmp/t': content => template('demo/t.erb') }
}
