# The common idiom: every package after apt's update, chained through a collector.
include apt
apt::source { 'tools':
  location => 'http://deb.example.test/tools',
  repos    => 'main',
}
package { ['jq', 'htop']:
  ensure => installed,
}
Class['apt::update'] -> Package <| provider != 'dpkg' |>
