class c($os = $facts['os']['family'], $host = $trusted['hostname']) { notify { 'x': message => "${os}/${host}" } }
include c
