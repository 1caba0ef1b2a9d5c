class { 'mymod': cfg => { 'port' => 8080, 'host' => 'h' } }
