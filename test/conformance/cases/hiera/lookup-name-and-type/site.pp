notify { 'typed': message => lookup('app::port', Integer[1, 65535]) }
