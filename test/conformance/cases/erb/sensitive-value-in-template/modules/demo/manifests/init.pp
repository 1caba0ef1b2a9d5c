class demo (String $user = 'app', Sensitive[String] $password = Sensitive('s3cret')) {
  file { '/etc/app/db.conf': content => template('demo/db.erb') }
}
