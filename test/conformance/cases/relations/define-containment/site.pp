define d { notify { "in-${title}": } }
class c { d { 'x': } }
include c
d { 'top': }
