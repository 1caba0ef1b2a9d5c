notify { 'arr': message => hiera_array('ntp::servers') }
notify { 'arr-default': message => hiera_array('ntp::none', ['x']) }
