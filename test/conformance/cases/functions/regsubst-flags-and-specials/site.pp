notify { 'x': message => [regsubst("a\nb", '^b', 'B', 'M'), regsubst('aaa', 'a', 'b', 'G'), regsubst('path/to/file', '/', '\\', 'G'), regsubst('x.y', '(\w)\.(\w)', '\2.\1')] }
