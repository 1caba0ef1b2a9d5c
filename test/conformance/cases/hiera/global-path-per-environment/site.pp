notify { 'env': message => lookup('site::tier') }
