notify { 'top-1': }
define d { notify { "d-${title}": } class_notice { "cn-${title}": } }
define class_notice { notify { "inner-${title}": } }
d { 'first': }
notify { 'top-2': }
d { 'second': }
include c
class c { notify { 'class-c': } d { 'from-class': } }
