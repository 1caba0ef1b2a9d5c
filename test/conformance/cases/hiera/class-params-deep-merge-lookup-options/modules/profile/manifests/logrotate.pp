class profile::logrotate (Hash[String, Hash] $rules) {
  $rules.each |$name, $rule| {
    file { "/etc/logrotate.d/${name}":
      content => $rule.map |$k, $v| { "${k} ${v}" }.join("\n"),
    }
  }
}
