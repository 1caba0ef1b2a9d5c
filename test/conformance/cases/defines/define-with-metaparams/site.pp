define d { notify { "in-${title}": } }
notify { 'first': }
d { 'x': require => Notify['first'], tag => ['custom'], before => Notify['last'] }
notify { 'last': }
