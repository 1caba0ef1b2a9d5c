notify { 'a': message => lookup('counter::a') }
notify { 'b': message => lookup('counter::b') }
notify { 'a-again': message => lookup('counter::a') }
