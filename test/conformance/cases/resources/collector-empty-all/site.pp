@file { '/tmp/a': }
@file { '/tmp/b': }
File <| |>
