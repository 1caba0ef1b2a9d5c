function mylib::stars(String $s, Integer[1] $n) >> String {
  $stars = Integer[1, $n].map |$i| { '*' }.join('')
  "${stars}${s}${stars}"
}
