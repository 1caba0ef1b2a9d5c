notify { 'port': message => mylib::endpoint({ 'host' => 'db', 'port' => 5432 }) }
notify { 'noport': message => mylib::endpoint({ 'host' => 'cache' }) }
