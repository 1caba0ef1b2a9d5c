$h = mylib::parse_kv('a=1;b=two;c=')
notify { 'hash': message => $h }
notify { 'type': message => String(type($h, 'generalized')) }
