$v = lookup('profile::config', Hash, { 'strategy' => 'deep', 'sort_merged_arrays' => true })
notify { 'sorted': message => $v }
