notify { 'x': message => [split('a,b,,c', ','), split('a1b22c', /\d+/), split('abc', ''), split('', ','), 'x y  z'.split(' '), split('a.b', '.')] }
