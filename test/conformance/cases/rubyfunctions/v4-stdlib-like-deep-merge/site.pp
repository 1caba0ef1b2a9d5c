$merged = mylib::deep_merge(
  { 'a' => 1, 'nested' => { 'x' => 1, 'y' => [1] } },
  { 'nested' => { 'y' => [2], 'z' => true } },
  { 'a' => undef, 'b' => 'two' },
)
notify { 'merged': message => $merged }
