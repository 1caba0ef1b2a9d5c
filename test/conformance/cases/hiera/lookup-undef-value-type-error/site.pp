notify { 'unique': message => lookup('profile::admins', undef, 'unique') }
