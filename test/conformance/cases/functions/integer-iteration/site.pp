$r = []
notify { 'x': message => [5.map |$i| { $i * $i }, Integer[3, 5].map |$i| { $i }, 3.reduce |$m, $i| { $m + $i }, 0.map |$i| { $i }] }
