class c { $local = 'class-local' notify { 'x': message => epp('mod/t.epp') } }
include c
