$ports = lookup('base::ports_alias')
notify { 'alias': message => $ports }
notify { 'alias-type': message => String(type($ports, 'generalized')) }
