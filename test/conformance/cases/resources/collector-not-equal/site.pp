@notify { 'a': message => 'keep' }
@notify { 'b': message => 'drop' }
Notify <| message != 'drop' |>
