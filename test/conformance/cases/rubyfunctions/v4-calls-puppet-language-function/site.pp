notify { 'pp': message => mylib::decorate('core') }
