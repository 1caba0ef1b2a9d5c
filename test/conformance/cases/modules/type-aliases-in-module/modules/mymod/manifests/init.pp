class mymod(Mymod::Config $cfg) { notify { 'x': message => [$cfg, "${Mymod::Port}", 70000 =~ Mymod::Port] } }
