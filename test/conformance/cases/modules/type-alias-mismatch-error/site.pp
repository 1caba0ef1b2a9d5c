class { 'mymod': cfg => { 'port' => 0 } }
