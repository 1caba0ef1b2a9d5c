define acme::conf (String $value) {
  ini_setting { "conf ${title}": path => '/etc/c.ini', setting => $title, value => $value, secton => 'x' }
}
acme::conf { 'k': value => 'v' }
