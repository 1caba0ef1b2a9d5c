class demo { file { '/tmp/f': content => template('demo/f.erb') } }
