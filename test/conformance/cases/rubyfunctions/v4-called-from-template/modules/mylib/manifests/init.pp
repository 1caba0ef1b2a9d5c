class mylib { file { '/etc/issue': content => template('mylib/issue.erb') } }
