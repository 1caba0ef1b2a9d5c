notify { 'json': message => lookup('app::settings', Hash, 'deep') }
notify { 'num': message => lookup('app::ratio') }
