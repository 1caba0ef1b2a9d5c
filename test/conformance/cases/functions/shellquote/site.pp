notify { 'x': message => shellquote('echo', 'hello world', "it's", '$HOME', ['a', 'b c']) }
