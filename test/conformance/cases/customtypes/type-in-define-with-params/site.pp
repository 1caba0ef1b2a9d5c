define acme::php_setting (String $value, String $section = 'PHP') {
  ini_setting { "php ${title}":
    path    => '/etc/php.ini',
    section => $section,
    setting => $title,
    value   => $value,
  }
}
acme::php_setting { 'max_execution_time': value => '60' }
acme::php_setting { 'date.timezone': value => 'UTC', section => 'Date' }
