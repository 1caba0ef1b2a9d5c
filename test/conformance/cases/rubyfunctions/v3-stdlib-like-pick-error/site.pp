notify { 'pick': message => mylib_pick(undef, '') }
