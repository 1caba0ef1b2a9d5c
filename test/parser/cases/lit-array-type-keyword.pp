$a = [type, function]
$b = { type => 1, function => 2 }
