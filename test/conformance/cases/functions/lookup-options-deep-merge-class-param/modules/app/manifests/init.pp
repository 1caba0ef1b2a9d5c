class app(Hash $settings) { notify { 'x': message => $settings } }
