mymod::thing { 'one': value => 1 }
