notify { 'a': message => 1 + 2 * 3 - 4 / 2 }
notify { 'b': message => (1 + 2) * 3 }
notify { 'c': message => 2 * 3 % 4 }
notify { 'd': message => -2 * -3 }
notify { 'e': message => 10 - 2 - 3 }
notify { 'f': message => 2 << 3 >> 1 }
