include app
notify { 'other': message => lookup('other::key', undef, undef, 'not found') }
