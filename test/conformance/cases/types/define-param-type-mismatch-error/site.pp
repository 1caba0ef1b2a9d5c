define typed(Enum['present', 'absent'] $ensure) { }
typed { 'x': ensure => 'running' }
