class c(Sensitive $s = Sensitive('class-secret'), $d = Deferred('upcase', ['x'])) { notify { 'x': message => $d } }
include c
