@notify { 'v1': tag => 'deploy' }
@notify { 'v2': tag => 'other' }
Notify <| tag == 'deploy' |>
