class demo { file { '/tmp/nil': content => template('demo/nil.erb') } }
