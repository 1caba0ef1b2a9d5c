notify { 'x': message => ['', [], {}, [undef], { 'k' => undef }] }
file { '/tmp/empty': content => '' }
