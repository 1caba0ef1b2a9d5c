$v = lookup('profile::users', Hash, 'deep')
notify { 'deep': message => $v }
