function foo::bar(Integer $a, *$rest) >> Integer {
  $a + 1
}
function baz() { }
