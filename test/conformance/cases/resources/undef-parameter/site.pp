notify { 'a': message => undef }
file { '/tmp/x': ensure => file, owner => undef, mode => '0644' }
