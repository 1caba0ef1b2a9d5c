class { 'demo': ssl => true, workers => 0 }
