notify { 'x': message => hiera_hash('app::name') }
