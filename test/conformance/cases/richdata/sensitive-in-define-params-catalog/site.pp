define d(Sensitive $pw) { notify { "n-${title}": } }
d { 'x': pw => Sensitive('s') }
