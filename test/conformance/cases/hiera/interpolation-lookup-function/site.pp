notify { 'url': message => lookup('base::url') }
