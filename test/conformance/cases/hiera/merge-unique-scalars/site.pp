notify { 'unique': message => lookup('profile::admins', Any, 'unique') }
