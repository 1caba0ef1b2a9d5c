class acme (Hash[String, String] $settings) {
  $settings.each |$k, $v| {
    ini_setting { "acme ${k}": path => '/etc/acme.ini', setting => $k, value => $v }
  }
}
