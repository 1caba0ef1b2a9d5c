class p($a = 1) { }
include p
class { 'p': a => 2 }
