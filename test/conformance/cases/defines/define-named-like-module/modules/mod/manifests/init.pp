define mod($v = 'dflt') { notify { "mod-${title}": message => $v } }
