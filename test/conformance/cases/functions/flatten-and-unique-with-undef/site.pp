notify { 'x': message => [flatten([undef, [undef, 1]]), unique([undef, undef, '', '']), [1, [2], 3].flatten.unique] }
