include app
notify { 'owner': message => lookup('site_owner') }
