class demo::conf { $port = 5432 }
