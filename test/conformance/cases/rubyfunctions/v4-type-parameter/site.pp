notify { 'types': message => mylib::describe_type(Integer[1, 10]) }
notify { 'check': message => [mylib::matches(5, Integer[1, 10]), mylib::matches('x', Integer)] }
