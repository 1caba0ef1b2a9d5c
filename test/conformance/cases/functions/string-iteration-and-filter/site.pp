notify { 'x': message => ['hello'.filter |$c| { $c != 'l' }, 'abc'.map |$i, $c| { "${i}${c}" }, 'xyz'.reduce |$m, $c| { "${c}${m}" }] }
