notify { 'x': message => lookup('app::name', Integer) }
