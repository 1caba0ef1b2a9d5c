$t = { 'a' => [1, { 'b' => 2 }] }
$paths = []
notify { 'x': message => Array($t.tree_each).map |$e| { "${e[0]}=${e[1]}" } }
