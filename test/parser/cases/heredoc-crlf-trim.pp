$a = @(END)
  x
  y
  |- END
notice($a)
