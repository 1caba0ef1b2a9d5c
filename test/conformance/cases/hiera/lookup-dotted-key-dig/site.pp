notify { 'dig': message => lookup('app::settings.db.host') }
notify { 'dig-default': message => lookup('app::settings.db.user', String, undef, 'postgres') }
