notify { 'plain': message => hiera('app::name') }
notify { 'default': message => hiera('app::none', 'dflt') }
notify { 'override': message => hiera('app::name', 'dflt', 'special') }
