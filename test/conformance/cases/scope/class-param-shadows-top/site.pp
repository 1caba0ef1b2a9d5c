$p = 'top'
class c($p = 'param') { notify { 'x': message => "${p} ${::p}" } }
include c
