class mylib { $motd = 'say "hi"; bye'
  file { '/etc/app.ini': content => template('mylib/app.ini.erb') }
}
