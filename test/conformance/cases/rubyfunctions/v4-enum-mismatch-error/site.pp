notify { 'x': message => mylib::compress_cmd('backup.tar', 'zip') }
