notify { 'x': message => [split('a1b2c', /(\d)/), split('a,b;c', /[,;]/), split('  lead', ' '), split('trail,,', ',')] }
