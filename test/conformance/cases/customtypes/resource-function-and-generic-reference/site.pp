ini_setting { 'z': path => '/etc/z.ini', setting => 'z', value => '26' }
$r = Resource['ini_setting', 'z']
notify { 'generic': message => "${r}", require => $r }
