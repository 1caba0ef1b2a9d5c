notify { 'x': message => split('a') }
