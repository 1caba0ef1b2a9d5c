notify { 'hash': message => hiera_hash('app::settings') }
