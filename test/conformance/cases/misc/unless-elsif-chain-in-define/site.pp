define d($n) { if $n > 2 { $r = 'big' } elsif $n > 1 { $r = 'mid' } else { $r = 'small' } notify { $title: message => $r } }
d { 'a': n => 1 }
d { 'b': n => 2 }
d { 'c': n => 3 }
