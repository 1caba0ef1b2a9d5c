function mymod::outer(Integer $n) { mymod::inner($n) + [$n] }
