class decl { Notify { message => 'from decl defaults' } @notify { 'v': } }
include decl
Notify { message => 'from top defaults' }
realize Notify['v']
