notify { 'unknown': message => lookup('base::unknown_fact') }
