define d($a = 1, $b = 2) { notify { $title: message => [$a, $b] } }
$params = { 'a' => 'A', 'b' => 'B' }
d { 'x': * => $params }
d { 'y': a => 'own', * => { 'b' => 'splat' } }
