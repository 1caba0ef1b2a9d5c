function site::wrap(String $s) >> String {
  mylib::bracket(mylib::bracket($s), '<>')
}
