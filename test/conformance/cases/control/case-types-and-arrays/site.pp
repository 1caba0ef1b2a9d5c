$things = [42, 'str', [1, 2], { 'a' => 1 }, 3.5]
$things.each |$t| {
  $kind = case $t {
    Integer: { 'int' }
    String: { 'string' }
    [1, 2]: { 'the-array' }
    Hash: { 'hash' }
    default: { 'other' }
  }
  notify { "kind-${kind}": }
}
