$a = "tab\tnl\ns\sdollar\$q\"bs\\"
$b = "\u00e9\u{1F600}x"
