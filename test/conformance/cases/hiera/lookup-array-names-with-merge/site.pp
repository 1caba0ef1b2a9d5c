notify { 'names-merge': message => lookup(['app::missing', 'app::packages'], Array, 'unique') }
