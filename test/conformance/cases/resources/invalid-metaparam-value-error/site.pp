notify { 'x': require => 'not-a-reference' }
