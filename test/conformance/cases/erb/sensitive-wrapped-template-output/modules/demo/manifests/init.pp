class demo (Sensitive[String] $token = Sensitive('abc123')) {
  file { '/etc/app/token': content => Sensitive(template('demo/cred.erb')), mode => '0600' }
}
