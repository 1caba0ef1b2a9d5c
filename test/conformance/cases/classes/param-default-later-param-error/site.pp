class bad($a = $b, $b = 1) { notify { 'x': message => [$a, $b] } }
include bad
