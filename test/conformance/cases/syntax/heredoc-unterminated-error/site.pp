$x = @(END)
  never ends
