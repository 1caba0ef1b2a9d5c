acme_file { '/tmp/a': mode => '0644' }
file { '/tmp/b': mode => '0600' }
