$a = @("END"/L)
  x \
  y ${z}
  | END
