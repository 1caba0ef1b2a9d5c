notify { 'dns': message => hiera_array('resolv::nameservers') }
notify { 'hash': message => hiera_hash('resolv::options') }
