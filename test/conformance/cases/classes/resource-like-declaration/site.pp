class params($a = 'default-a', $b = 'default-b') { notify { 'p': message => "${a} ${b}" } }
class { 'params': a => 'given' }
