notify { 'override': message => lookup('app::name', { 'override' => { 'app::name' => 'forced' } }) }
