notify { 'target': }
@notify { 'v': }
Notify <| title == 'v' |> { require => Notify['target'], message => 'collected' }
