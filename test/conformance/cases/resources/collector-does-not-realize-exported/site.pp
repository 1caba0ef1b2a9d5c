@@notify { 'exp': tag => 'x' }
@notify { 'virt': tag => 'x' }
Notify <| tag == 'x' |>
