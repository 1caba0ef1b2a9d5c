@user { 'a': uid => 1 }
@@file { 'b': path => '/b' }
