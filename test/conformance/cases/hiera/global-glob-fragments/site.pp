notify { 'users': message => lookup('accounts::users', Hash, 'deep') }
