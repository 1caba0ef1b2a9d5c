function mymod::inner(Integer $n) { Array(Integer[1, $n]).map |$i| { $i * 10 } }
