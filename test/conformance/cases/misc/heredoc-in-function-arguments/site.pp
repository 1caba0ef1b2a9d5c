notify { 'x': message => join([@(A), @(B)], '|') }
  first
  | A
  second
  | B
