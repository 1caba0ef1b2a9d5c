$a = [@(A), @(B)]
  first
  | A
  second
  | B
notify { 'x': message => $a }
