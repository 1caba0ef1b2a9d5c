notify { 'x': message => "[${settings::no_such_setting}]" }
