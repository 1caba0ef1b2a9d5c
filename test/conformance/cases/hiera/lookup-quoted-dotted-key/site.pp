notify { 'quoted': message => lookup('"sysctl.vm.swappiness"') }
