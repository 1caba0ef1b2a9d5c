File { mode => '0644', owner => 'root' }
class c { File { mode => '0700' } file { '/tmp/c': } }
include c
file { '/tmp/top': }
