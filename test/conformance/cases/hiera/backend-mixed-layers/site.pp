notify { 'merged': message => lookup('app::conf', Hash, 'deep') }
