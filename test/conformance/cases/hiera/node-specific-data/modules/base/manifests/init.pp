class base (String $motd, Array[String] $packages) {
  file { '/etc/motd': content => "${motd}\n" }
  package { $packages: ensure => installed }
}
