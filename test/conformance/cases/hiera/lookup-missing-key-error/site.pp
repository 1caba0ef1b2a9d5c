notify { 'x': message => lookup('app::not_there') }
