class typed(Integer $port, String[1] $host, Optional[Array[String]] $list = undef, Enum['on', 'off'] $mode = 'on') {
  notify { 'x': message => [$port, $host, $list, $mode] }
}
class { 'typed': port => 80, host => 'example' }
