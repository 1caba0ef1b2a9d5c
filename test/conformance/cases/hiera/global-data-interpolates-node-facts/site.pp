class motd ($text) { file { '/etc/motd': content => $text } }
include motd
