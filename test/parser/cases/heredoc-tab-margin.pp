$a = @(END)
	x
	| END
$b = @(END)
  a
 b
  | END
