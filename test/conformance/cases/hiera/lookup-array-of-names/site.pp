notify { 'first-found': message => lookup(['app::nope', 'app::name', 'app::port']) }
