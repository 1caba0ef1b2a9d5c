notify { 'x': message => Deferred('join', [['a', 'b'], '-']) }
file { '/tmp/d': content => Deferred('inline_epp', ['<%= $x %>', { 'x' => 'y' }]) }
