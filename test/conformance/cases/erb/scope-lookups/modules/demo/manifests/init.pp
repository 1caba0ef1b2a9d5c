class demo {
  include demo::params
  $local_var = 'L'
  file { '/tmp/facts': content => template('demo/facts.erb') }
}
