notify { 'x': message => lookup('ntp::servers', Array, 'smash') }
