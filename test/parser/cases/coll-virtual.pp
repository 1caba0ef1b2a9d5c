User <| |>
User <| title == 'a' |>
User <| groups != 'x' and (uid == 1 or uid == 2) |>
