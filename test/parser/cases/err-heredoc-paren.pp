$x = @(END
foo
