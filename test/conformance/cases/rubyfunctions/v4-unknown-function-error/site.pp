notify { 'x': message => mylib::not_defined('a') }
