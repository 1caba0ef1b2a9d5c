notify { 'fn': message => lookup('site::motd') }
