$v = lookup('profile::settings', Hash, 'hash')
notify { 'hash': message => $v }
