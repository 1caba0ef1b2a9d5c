$a = file { 'x': }
$b = [file { 'y': }]
