$a = @(END)
x
END