function mymod::nested::f() { 'nested' }
