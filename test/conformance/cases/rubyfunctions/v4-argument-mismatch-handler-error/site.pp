notify { 'x': message => mylib::hostname_of('not a url') }
