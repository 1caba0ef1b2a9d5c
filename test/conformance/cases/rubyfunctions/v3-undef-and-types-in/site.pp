notify { 'types': message => mylib_inspect_args(undef, 1, 2.5, true, 'x', [1], { 'k' => undef }) }
