notify { 'merged': message => lookup('profile::limits') }
