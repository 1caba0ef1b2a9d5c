notify { 'from-b': }
$b = 'b'
