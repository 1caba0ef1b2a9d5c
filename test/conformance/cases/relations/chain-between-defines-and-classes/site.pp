define d { notify { "d-${title}": } }
class c { notify { 'c': } }
include c
d { 'x': }
D['x'] -> Class['c']
Class['c'] ~> D['x']
