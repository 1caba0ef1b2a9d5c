$site_role = 'frontend'
notify { 'var': message => lookup('base::top_var') }
