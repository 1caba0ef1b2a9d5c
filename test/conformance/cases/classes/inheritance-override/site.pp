class base { file { '/etc/motd': content => 'base', mode => '0644' } }
class special inherits base { File['/etc/motd'] { content => 'special', mode => undef } }
include special
