notify { 'a': message => lookup('profile::vhost_main') }
notify { 'b': message => lookup('profile::vhost_api') }
