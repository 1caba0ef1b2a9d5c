file { 'one': path => '/tmp/same' }
file { '/tmp/same': }
