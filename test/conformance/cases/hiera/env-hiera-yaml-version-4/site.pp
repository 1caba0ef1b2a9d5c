notify { 'v4': message => lookup('app::value', undef, undef, 'none') }
