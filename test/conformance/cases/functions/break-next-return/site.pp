$r = [1, 2, 3, 4].map |$x| { if $x == 2 { next('two') } $x }
$s = [1, 2, 3, 4].each |$x| { if $x == 3 { break() } notify { "e-${x}": } }
function mymod_early(Integer $x) { if $x > 0 { return 'positive' } 'non-positive' }
notify { 'x': message => [$r, mymod_early(5), mymod_early(-1)] }
