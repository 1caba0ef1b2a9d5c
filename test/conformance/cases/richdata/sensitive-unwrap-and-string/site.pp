$s = Sensitive('hidden')
notify { 'x': message => ["${s}", $s.unwrap, unwrap($s) |$v| { upcase($v) }, String($s)] }
