class demo { file { '/tmp/m': content => template('demo/absent.erb') } }
