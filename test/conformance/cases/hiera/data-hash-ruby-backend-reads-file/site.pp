class app (String $listen, Integer $workers) {
  notify { 'app': message => "${listen} x${workers}" }
}
include app
