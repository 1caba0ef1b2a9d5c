$users = ['Alice Smith', 'Bob Jones']
$users.each |$u| {
  user { mylib::login($u): ensure => present, comment => $u }
}
