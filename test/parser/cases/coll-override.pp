User <| title == 'a' |> { uid => 2 }
File <| |> -> Service['x']
