include foo, bar
require baz
contain a::b
notice "x"
realize File[a]
tag a, b
fail("x")
