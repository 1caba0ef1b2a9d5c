notify { 'hiera': message => lookup('base::hiera_fn') }
notify { 'scope': message => lookup('base::scope_fn') }
