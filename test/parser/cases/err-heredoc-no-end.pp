$x = @(END)
foo
