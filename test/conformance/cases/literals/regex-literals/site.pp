notify { 'r1': message => String(/ab+c/) }
notify { 'r2': message => /^\d+$/ }
notify { 'r3': message => "${/a\/b/}" }
