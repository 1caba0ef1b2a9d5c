notify { 'mod': message => lookup('nginx::worker_connections') }
notify { 'mod-merged': message => lookup('nginx::modules', Array, 'unique') }
