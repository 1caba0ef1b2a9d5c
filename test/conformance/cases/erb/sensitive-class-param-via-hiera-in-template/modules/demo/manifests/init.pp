class demo (String $db_user, Sensitive[String] $db_password) {
  file { '/root/.my.cnf': content => Sensitive(template('demo/svc.erb')), mode => '0600' }
}
