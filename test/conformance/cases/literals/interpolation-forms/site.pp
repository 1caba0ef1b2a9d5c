$name1 = 'world'
$arr = ['a', 'b', 'c']
$hash = { 'k' => { 'n' => 'deep' } }
notify { 'i1': message => "hello $name1!" }
notify { 'i2': message => "hello ${name1}s" }
notify { 'i3': message => "arr=${arr} first=${arr[0]} last=${arr[-1]}" }
notify { 'i4': message => "hash=${hash} deep=${hash['k']['n']}" }
notify { 'i5': message => "expr=${1 + 2 * 3} call=${upcase($name1)}" }
notify { 'i6': message => "method=${name1.upcase} len=${arr.length}" }
