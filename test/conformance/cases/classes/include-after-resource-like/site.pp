class p($a = 1) { notify { 'p': message => $a } }
class { 'p': a => 2 }
include p
