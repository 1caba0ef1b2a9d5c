$d = lookup('app::defaults')
notify { 'anchors': message => lookup('app::servers') }
notify { 'types': message => $d }
notify { 'null': message => "null is undef: ${lookup('app::nothing', Any, undef, 'dflt') == undef}" }
