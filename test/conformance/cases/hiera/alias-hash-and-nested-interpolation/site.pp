$h = lookup('app::effective')
notify { 'alias-hash': message => $h }
notify { 'type': message => String(type($h, 'generalized')) }
notify { 'nested': message => lookup('app::urls') }
