$vals = { 'undef' => undef, 'empty' => '', 'zero' => 0, 'false' => false, 'str' => 'false', 'arr' => [] }
$vals.each |$k, $v| {
  if $v { notify { "truthy-${k}": } } else { notify { "falsy-${k}": } }
}
