notify { 'conv': message => lookup('profile::dns') }
notify { 'type': message => String(type(lookup('profile::dns'), 'generalized')) }
