notify { 'real': message => 'orig' }
@notify { 'virt': message => 'orig' }
Notify <| |> { message => 'overridden' }
