class profile::app (String $version, String $channel = 'nightly') {
  package { 'app': ensure => $version, tag => [$channel] }
}
