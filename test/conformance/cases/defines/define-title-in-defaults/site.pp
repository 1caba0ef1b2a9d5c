define d($path = "/opt/${title}", $upper = upcase($title)) { notify { $title: message => [$path, $upper] } }
d { 'app': }
