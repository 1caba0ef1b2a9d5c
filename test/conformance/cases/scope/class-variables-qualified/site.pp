class conf { $port = 8080 $list = ['a'] }
class user { include conf notify { 'x': message => "${conf::port} ${::conf::list}" } }
include user
