$top = 'top'
node default {
  $nodevar = 'node-level'
  include show
}
class show { notify { 'x': message => "${top}/${nodevar}" } }
