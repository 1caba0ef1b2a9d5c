$v = lookup('profile::config', Hash, { 'strategy' => 'deep', 'knockout_prefix' => '--' })
notify { 'knockout': message => $v }
