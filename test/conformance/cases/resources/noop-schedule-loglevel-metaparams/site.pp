notify { 'x': noop => true, loglevel => 'debug', audit => 'all' }
schedule { 'nightly': range => '2-4' }
exec { 'e': command => '/bin/true', schedule => 'nightly' }
