$types = ['notify', 'file']
$types.each |$t| { Resource[$t] { "/tmp/dyn-${t}": } }
