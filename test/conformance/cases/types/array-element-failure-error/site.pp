class c(Array[String[1]] $list) { }
class { 'c': list => ['ok', '', 3] }
