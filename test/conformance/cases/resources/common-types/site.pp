package { 'nginx': ensure => installed }
service { 'nginx': ensure => running, enable => true, require => Package['nginx'] }
file { '/etc/nginx/nginx.conf': ensure => file, content => "worker_processes 2;\n", notify => Service['nginx'] }
user { 'deploy': ensure => present, uid => 1001, shell => '/bin/bash', managehome => true }
group { 'deploy': gid => 1001 }
exec { 'reload': command => '/bin/true', refreshonly => true, path => ['/bin', '/usr/bin'] }
