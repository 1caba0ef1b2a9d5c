@user { 'u1': groups => ['a', 'b'] }
@user { 'u2': groups => ['c'] }
@user { 'u3': groups => 'a' }
User <| groups == 'a' |>
