notify { 'v3': message => lookup('site::banner') }
notify { 'env': message => lookup('site::contact') }
