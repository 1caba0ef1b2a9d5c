class mymod($setting, $other = 'code default') { notify { 'x': message => [$setting, $other] } }
