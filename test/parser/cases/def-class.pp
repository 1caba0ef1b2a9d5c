class foo(String $a, Integer[1,2] $b = 1, $c = undef) inherits foo::params {
  notice($a)
}
