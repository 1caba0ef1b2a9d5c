notify { 'a': }
notify { 'b': }
notify { 'c': require => [Notify['a'], Notify['b']] }
notify { 'd': require => Notify['a', 'b'] }
notify { 'e': before => Resource['notify', 'a'] }
