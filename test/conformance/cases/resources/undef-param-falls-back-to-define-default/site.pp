define d($v = 'default') { notify { $title: message => $v } }
d { 'x': v => undef }
