define my::d { notify { "n-${title}": message => $name } }
my::d { 'a::b': }
