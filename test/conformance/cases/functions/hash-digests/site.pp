notify { 'x': message => [sha1('abc'), md5('abc'), sha256('abc'), sha1(''), md5('héllo')] }
