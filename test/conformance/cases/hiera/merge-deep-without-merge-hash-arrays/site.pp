$v = lookup('profile::config', Hash, 'deep')
notify { 'hash-arrays': message => $v }
