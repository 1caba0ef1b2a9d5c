node default {
  $role = 'edge'
  include demo
}
