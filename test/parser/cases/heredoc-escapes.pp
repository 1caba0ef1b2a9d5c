$a = @("END"/tn$)
hello\t\n\$x ${y}
END
$b = @(X/)
a\tb\
c
X
