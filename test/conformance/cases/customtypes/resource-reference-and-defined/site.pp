ini_setting { 'x': path => '/etc/x.ini', setting => 's', value => 'v' }
notify { 'defined': message => [defined(Ini_setting['x']), defined(Ini_setting['y']), defined('ini_setting')] }
notify { 'ref': message => Ini_setting['x'], before => Ini_setting['x'] }
