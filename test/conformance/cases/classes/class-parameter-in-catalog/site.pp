class app(String $version = '1.0', Hash $opts = { 'a' => 1 }, Optional[String] $nothing = undef) { }
class { 'app': version => '2.0' }
