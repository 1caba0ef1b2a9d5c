notify { 'default': message => mylib::compress_cmd('backup.tar') }
notify { 'explicit': message => mylib::compress_cmd('backup.tar', 'xz') }
