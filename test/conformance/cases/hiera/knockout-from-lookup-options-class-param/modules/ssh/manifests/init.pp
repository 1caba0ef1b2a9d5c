class ssh (Hash $options, Array $allow_users) {
  file { '/etc/ssh/sshd_config':
    content => "${options.map |$k, $v| { "${k} ${v}" }.join("\n")}\nAllowUsers ${allow_users.join(' ')}\n",
  }
}
