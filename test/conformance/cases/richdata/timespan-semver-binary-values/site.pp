notify { 'x': message => [SemVer('1.2.3'), SemVerRange('~1.2'), Binary('aGVsbG8='), Timespan(90)] }
