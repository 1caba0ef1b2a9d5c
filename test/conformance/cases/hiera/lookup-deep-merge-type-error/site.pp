notify { 'x': message => lookup('app::name', String, 'hash') }
