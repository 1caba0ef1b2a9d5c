[1].each |$x| { $inside = 'in' }
notify { 'x': message => "[${inside}]" }
