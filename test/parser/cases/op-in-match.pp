$a = "a" in ["a"]
$b = $c !~ /x/
$d = $e =~ String
