notify { 'x': message => ['a' == 'A', 'abc' in ['ABC'], 'Straße' == 'STRASSE', 'é' == 'É'] }
