class demo { file { '/tmp/t': content => template('demo/t.erb') } }
