$v = lookup('profile::config', Hash, { 'strategy' => 'deep', 'merge_hash_arrays' => true })
notify { 'hash-arrays': message => $v }
