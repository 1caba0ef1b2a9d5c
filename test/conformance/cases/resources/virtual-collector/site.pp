@user { 'alice': groups => ['admin'], tag => 'staff' }
@user { 'bob': groups => ['dev'] }
@user { 'carol': groups => ['admin', 'dev'] }
User <| groups == 'admin' |>
