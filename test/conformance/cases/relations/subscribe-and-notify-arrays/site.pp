service { 's': }
file { ['/a', '/b']: notify => Service['s'] }
exec { 'e': command => '/bin/true', subscribe => [File['/a'], File['/b']] }
