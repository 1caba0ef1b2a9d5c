class app (
  Hash $conf = lookup('app::conf', Hash, { 'strategy' => 'deep', 'merge_hash_arrays' => false, 'sort_merged_arrays' => true }, {}),
) {
  notify { 'conf': message => $conf }
}
