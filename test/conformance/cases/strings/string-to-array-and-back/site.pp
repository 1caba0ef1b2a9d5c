$chars = 'abc'.split('')
notify { 'x': message => [$chars, $chars.join, $chars.map |$c| { "${c}${c}" }.join('.')] }
