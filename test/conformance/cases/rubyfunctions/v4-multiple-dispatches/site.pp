notify { 'int': message => mylib::to_bytes(512) }
notify { 'str': message => mylib::to_bytes('4k') }
notify { 'arr': message => mylib::to_bytes(['1M', 2]) }
