define mymod::thing(Integer $value) { notify { "thing-${title}": message => $value * 10 } }
