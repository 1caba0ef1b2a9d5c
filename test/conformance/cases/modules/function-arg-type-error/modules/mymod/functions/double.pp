function mymod::double(Integer $x) { $x * 2 }
