notify { 'pick': message => mylib_pick(undef, '', 'chosen', 'later') }
