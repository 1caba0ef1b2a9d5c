$r = ['a'].map |Integer $x| { $x }
