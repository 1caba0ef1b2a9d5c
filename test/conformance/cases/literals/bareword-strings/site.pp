$x = [foo, bar-baz, qux::thing, _under]
notify { 'x': message => $x }
