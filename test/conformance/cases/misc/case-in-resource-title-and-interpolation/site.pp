$list = ['one', 'two']
$list.each |$i, $v| {
  notify { "n-${i}-${v}": message => case $v { 'one': { 1 } default: { 2 } } }
}
