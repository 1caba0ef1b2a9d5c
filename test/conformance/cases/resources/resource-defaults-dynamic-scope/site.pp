class outer { File { mode => '0600' } include inner file { '/tmp/outer': } }
class inner { file { '/tmp/inner': } }
include outer
file { '/tmp/top': }
