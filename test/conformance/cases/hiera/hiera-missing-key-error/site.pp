notify { 'x': message => hiera('nope::nothing') }
