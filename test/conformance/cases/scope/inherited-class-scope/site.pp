class base { $greeting = 'hello' $shadow = 'base' }
class derived inherits base {
  $shadow = 'derived'
  notify { 'x': message => "${greeting} ${shadow} ${base::shadow}" }
}
include derived
