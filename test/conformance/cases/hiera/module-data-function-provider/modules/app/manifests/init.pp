class app (String $listen, Integer $port) {
  notify { 'app': message => "${listen}:${port}" }
}
