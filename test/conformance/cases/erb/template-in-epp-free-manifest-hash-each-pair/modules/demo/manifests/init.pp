class demo {
  $env_vars = { 'JAVA_OPTS' => '-Xmx1g -Xms256m', 'PORT' => 8080, 'DEBUG' => false }
  file { '/etc/default/app': content => template('demo/env.erb') }
}
