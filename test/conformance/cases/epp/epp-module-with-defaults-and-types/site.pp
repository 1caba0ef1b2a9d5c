file { '/tmp/t': content => epp('mod/t.epp', { 'name' => 'x' }) }
