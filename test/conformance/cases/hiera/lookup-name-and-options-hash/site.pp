notify { 'opts': message => lookup('app::settings', { 'merge' => { 'strategy' => 'deep' } }) }
notify { 'dvh': message => lookup('app::flavour', { 'default_values_hash' => { 'app::flavour' => 'vanilla' } }) }
