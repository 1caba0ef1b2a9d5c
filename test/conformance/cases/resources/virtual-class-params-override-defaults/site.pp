class c { @file { '/tmp/v': mode => '0600' } }
include c
File <| title == '/tmp/v' |> { owner => 'root' }
