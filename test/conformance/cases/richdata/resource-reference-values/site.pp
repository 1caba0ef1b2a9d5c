notify { 'a': }
notify { 'x': message => [Notify['a'], File['/tmp'], Class['main']] }
