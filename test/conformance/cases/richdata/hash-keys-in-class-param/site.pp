class c(Hash[Variant[String, Integer], Any] $map) { notify { 'x': message => $map } }
class { 'c': map => { 1 => 'one', 'two' => 2, 3 => [3] } }
