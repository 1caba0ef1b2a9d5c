notify { 'x': message => inline_epp('<%= $x ') }
