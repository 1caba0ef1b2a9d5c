class demo { $x = 'absolute'
  file { '/tmp/abs': content => template("${module_name}/cfg.erb") }
}
