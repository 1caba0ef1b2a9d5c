case $x {
  'a', 'b': { notice(1) }
  /re/: { }
  default: { notice(2) notice(3) }
}
