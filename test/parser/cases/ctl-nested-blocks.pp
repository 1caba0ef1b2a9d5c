if $a {
  if $b { notice(1) }
  $c = 1
}
notice(2)
