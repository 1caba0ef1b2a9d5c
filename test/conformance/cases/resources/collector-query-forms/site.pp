@notify { 'a': message => 'x', tag => ['t1'] }
@notify { 'b': message => 'y' }
@notify { 'c': message => 'z', tag => ['t2'] }
@notify { 'd': message => 'w' }
Notify <| (message == 'x' or tag == 't2') and title != 'zz' |>
Notify <| title == 'd' |>
