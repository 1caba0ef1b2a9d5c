$x = /* foo
