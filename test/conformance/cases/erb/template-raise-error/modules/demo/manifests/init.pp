class demo ($port = 80) { file { '/tmp/r': content => template('demo/raise.erb') } }
