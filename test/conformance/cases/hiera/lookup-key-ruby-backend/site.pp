notify { 'found': message => lookup('vault::db_password') }
notify { 'fallback': message => lookup('app::port') }
notify { 'merged': message => lookup('app::list', Array, 'unique') }
