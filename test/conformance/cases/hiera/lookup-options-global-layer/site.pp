notify { 'merged': message => lookup('profile::sysctl') }
