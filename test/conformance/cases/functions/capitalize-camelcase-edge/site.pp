notify { 'x': message => [capitalize('ÉCOLE'), capitalize('a'), capitalize(''), camelcase('already_Camel_case'), downcase(['A', 'B']), upcase('ß')] }
