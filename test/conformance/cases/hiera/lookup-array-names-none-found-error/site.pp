notify { 'x': message => lookup(['app::a', 'app::b']) }
