class profile::ntp (Array[String, 1] $servers, Boolean $iburst) {
  notify { 'ntp': message => $servers }
}
