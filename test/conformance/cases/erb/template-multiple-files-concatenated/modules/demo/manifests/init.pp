class demo { $name_tag = 'svc'
  file { '/tmp/cat': content => template('demo/head.erb', 'demo/body.erb') }
}
