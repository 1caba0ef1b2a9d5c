define my::thing { notify { "t-${title}": } }
my::thing { 'x': }
notify { 'r': require => My::Thing['x'] }
