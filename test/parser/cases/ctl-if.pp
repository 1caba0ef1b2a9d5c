if $a { notice(1) } elsif $b { notice(2); notice(3) } else { notice(4) }
if $c { }
