file { '/tmp/copy': content => file('mod/missing.txt') }
