notify { 'env': message => site::wrap('core') }
