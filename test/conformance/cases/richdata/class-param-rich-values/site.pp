class c(Hash $h = { 1 => /re/ }, Type $t = Integer, Sensitive $s = Sensitive('cp')) { }
include c
