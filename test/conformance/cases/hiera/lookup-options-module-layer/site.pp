notify { 'merged': message => lookup('profile::repos') }
