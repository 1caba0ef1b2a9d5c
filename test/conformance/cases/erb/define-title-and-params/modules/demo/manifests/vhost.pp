define demo::vhost (Integer $port = 80, Array[String] $aliases = [], String $docroot = "/var/www/${title}") {
  file { "/etc/apache2/sites-available/${title}.conf": content => template('demo/vhost.erb') }
}
