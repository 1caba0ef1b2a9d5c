class inner { notify { 'inner': } }
class outer { contain inner notify { 'outer': } }
include outer
notify { 'after': require => Class['outer'] }
