notify { 'x': message => [compare(1, 2), compare('a', 'A'), compare('a', 'A', false), compare(2.0, 2), '42'.convert_to(Integer), [1, 2].convert_to(String)] }
