if 'abc' =~ /(b)/ {
  $in = $1
  [1].each |$x| { if 'xyz' =~ /(y)/ { $y = $1 } notify { 'lambda': message => $1 } }
}
notify { 'x': message => "${in} [${1}]" }
