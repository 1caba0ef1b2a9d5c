notify { 'x': message => [lookup('arr', Array, 'unique'), lookup('h', Hash, 'hash'), lookup('h', Hash, 'deep'), lookup('arr')] }
