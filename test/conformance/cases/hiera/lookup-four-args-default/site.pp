notify { 'missing': message => lookup('app::missing', String, 'first', 'fallback') }
notify { 'present': message => lookup('app::name', String, 'first', 'fallback') }
