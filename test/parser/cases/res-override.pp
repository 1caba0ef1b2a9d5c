File['a'] { mode => '0600' }
File['a', 'b'] { owner => x }
