foo()
foo(1, 2,)
$a = bar(1) |$x| { $x }
$b = Integer("1")
$c = type(1)
notice foo(1)
