# comment line
/* block
   comment */
notify { 'x': message => [1, 2,], } # trailing
