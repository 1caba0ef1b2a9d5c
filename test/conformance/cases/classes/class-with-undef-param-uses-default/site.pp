class c($a = 'default-a', $b = 'default-b') { notify { 'x': message => [$a, $b] } }
class { 'c': a => undef, b => 'given' }
