notify { 'a': };
notify { 'b': }; $x = 1; notify { 'c': message => $x }
