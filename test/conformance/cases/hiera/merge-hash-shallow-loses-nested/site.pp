notify { 'shallow': message => lookup('profile::db', Hash, 'hash', {}) }
