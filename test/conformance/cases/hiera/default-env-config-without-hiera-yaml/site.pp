notify { 'default': message => lookup('app::value', undef, undef, 'no data found') }
