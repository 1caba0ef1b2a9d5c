notify { 'name': message => lookup('app::name') }
