notify { 'implicit': message => mylib::twice('ab') }
