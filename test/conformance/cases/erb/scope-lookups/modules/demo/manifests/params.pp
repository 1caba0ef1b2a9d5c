class demo::params { $port = 8080 }
