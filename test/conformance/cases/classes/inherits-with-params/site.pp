class base($x = 'bx') { notify { 'base': message => $x } }
class kid($y = 'ky') inherits base { notify { 'kid': message => "${x} ${y}" } }
class { 'kid': y => 'given' }
