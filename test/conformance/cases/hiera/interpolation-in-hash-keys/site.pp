notify { 'keys': message => lookup('base::nested') }
