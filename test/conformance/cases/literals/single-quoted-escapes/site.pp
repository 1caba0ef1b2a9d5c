notify { 'sq': message => 'it\'s a \\ backslash, \n stays, $novar' }
