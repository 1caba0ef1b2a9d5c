$d = Deferred('mylib::vault_lookup', ['secret/db', 'password'])
notify { 'deferred': message => $d }
file { '/etc/app/db.pass': content => Deferred('mylib::vault_lookup', ['secret/app', 'token']) }
