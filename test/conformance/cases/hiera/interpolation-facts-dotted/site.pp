notify { 'fqdn': message => lookup('base::fqdn_fact') }
notify { 'family': message => lookup('base::os_family') }
