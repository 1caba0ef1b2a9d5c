define d { notify { "in-${title}": } }
@d { 'x': }
@d { 'y': }
D <| title == 'x' |>
