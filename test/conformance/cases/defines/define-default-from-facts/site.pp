define d($os = $facts['os']['name'], $ip = $facts['networking']['ip']) { notify { $title: message => "${os} ${ip}" } }
d { 'x': }
