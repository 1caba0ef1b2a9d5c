class c($p = 'class-param') { d { 'x': } }
define d { notify { $title: message => "[${p}]" } }
include c
