file { 'a': * => $attrs, mode => '0644' }
