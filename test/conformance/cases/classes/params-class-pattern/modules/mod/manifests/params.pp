class mod::params {
  $port = 8080
  $pkg = $facts['os']['family'] ? { 'Debian' => 'app-deb', default => 'app' }
}
