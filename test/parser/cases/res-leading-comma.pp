file { 'a': , mode => 1 }
file { 'b': , }
