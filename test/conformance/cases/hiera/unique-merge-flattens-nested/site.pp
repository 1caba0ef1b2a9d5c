notify { 'flat': message => lookup('app::list', Array, 'unique') }
