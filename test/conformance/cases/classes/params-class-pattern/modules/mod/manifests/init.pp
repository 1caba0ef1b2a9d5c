class mod($port = $mod::params::port, $pkg = $mod::params::pkg) inherits mod::params {
  notify { 'mod': message => "${pkg}:${port}" }
}
