define foo::bar($x, Optional[String] $y = undef,) {
  file { $x: }
}
