class mymod(Mymod::Config $cfg) { }
