class demo { $city = 'Zürich'
  $emoji = '✓'
  file { '/etc/greeting': content => template('demo/u.erb') }
}
