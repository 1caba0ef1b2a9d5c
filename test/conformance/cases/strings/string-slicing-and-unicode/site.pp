$s = 'héllo wörld'
notify { 'x': message => [$s[0, 5], $s[-5, 5], $s.length, upcase($s), $s[1]] }
