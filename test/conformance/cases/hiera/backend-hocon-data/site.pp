notify { 'hocon': message => lookup('app::settings') }
notify { 'list': message => lookup('app::mirrors') }
