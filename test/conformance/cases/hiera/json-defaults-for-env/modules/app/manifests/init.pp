class app (Integer $replicas, Hash[String, String] $labels) {
  notify { 'app': message => "${replicas} ${labels}" }
}
