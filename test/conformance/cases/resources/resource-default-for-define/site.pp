define d($v = 'def') { notify { $title: message => $v } }
D { v => 'from-default' }
d { 'x': }
