define d($name) { notify { "n-${title}": message => $name } }
d { 'title-here': }
