foo { 'a': unless => 1, require => 2, before => 3, notify => 4, tag => 5, in => 6, default => 7 }
