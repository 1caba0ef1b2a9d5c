class demo { $listen = '0.0.0.0'
  $port = 8080
}
