notify { 'x': message => acme::normalize_mac('02-FC-00-00-00-10') }
