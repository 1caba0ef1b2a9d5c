notify { 'x': message => env_fn('x') }
