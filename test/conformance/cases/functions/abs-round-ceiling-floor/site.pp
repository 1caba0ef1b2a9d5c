notify { 'x': message => [abs(-5), abs(-2.5), abs(3), round(2.5), round(-2.5), round(2.4), ceiling(1.2), floor(1.8), floor(-1.2), ceiling(3)] }
