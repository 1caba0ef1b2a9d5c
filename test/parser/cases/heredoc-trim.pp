$a = @(END)
hello
-END
$b = @(END)
hello
  |- END
