$a = "a\
b"
$b = "c\
d"
