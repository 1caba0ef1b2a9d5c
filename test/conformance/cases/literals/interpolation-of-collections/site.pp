$a = [1, 'two', [3], { 'four' => 4 }, undef, true]
$h = { 'a' => 1, 'b' => [2, 3], 'c' => undef }
notify { 'a': message => "${a}" }
notify { 'h': message => "${h}" }
notify { 'empty': message => "${[]} ${{}}" }
