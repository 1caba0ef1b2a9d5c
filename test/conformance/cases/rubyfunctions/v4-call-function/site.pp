notify { 'call': message => mylib::describe(['b', 'a', 'c']) }
