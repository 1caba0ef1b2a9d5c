notify { 'none': message => mylib_concat() }
notify { 'some': message => mylib_concat(['a'], ['b', 'c'], 'd') }
