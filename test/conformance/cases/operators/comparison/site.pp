notify { 'num': message => [1 < 2, 2 <= 2, 3 > 4, 4 >= 5, 1 == 1.0, 1 != 2] }
notify { 'str': message => ['abc' == 'ABC', 'a' < 'b', 'B' > 'a', 'x' != 'X'] }
notify { 'arr': message => [[1, 2] == [1, 2], { 'a' => 1 } == { 'a' => 1 }, [1] != [2]] }
