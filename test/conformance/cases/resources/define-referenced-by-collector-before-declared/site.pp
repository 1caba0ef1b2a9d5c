Mymod::Thing <| |>
@mymod::thing { 'x': }
