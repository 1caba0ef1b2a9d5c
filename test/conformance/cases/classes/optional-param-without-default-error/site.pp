class c(Optional[String] $a, Optional[Integer] $b = undef) { notify { 'x': message => [$a, $b] } }
include c
