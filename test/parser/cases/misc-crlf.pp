notice(1)
$a = 'x'
