notify { 'before': }
Notify { message => 'set later' }
notify { 'after': }
