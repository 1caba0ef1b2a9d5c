notice(1); notice(2)
$a = 1; $b = 2
