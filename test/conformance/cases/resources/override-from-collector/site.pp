file { '/etc/a': content => 'one', mode => '0644' }
File <| title == '/etc/a' |> { content => 'two' }
