class chain($a = 'x', $b = "${a}-b", $c = [$a, $b], $d = $c.length) { notify { 'x': message => [$a, $b, $c, $d] } }
class { 'chain': a => 'A' }
