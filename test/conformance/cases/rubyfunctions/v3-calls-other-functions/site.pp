notify { 'calls': message => mylib_checksum_line('payload') }
