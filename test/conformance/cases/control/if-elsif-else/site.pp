$n = 5
if $n < 3 { $r = 'small' } elsif $n < 10 { $r = 'medium' } else { $r = 'large' }
notify { 'r': message => $r }
