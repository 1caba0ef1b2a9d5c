package { 'p': } -> file { '/tmp/f': } ~> service { 's': }
notify { 'a': }
notify { 'b': }
Notify['b'] <- Notify['a']
Notify['b'] <~ Service['s']
