@ini_setting { 'v1': path => '/etc/v.ini', setting => 'v1', value => '1' }
@ini_setting { 'v2': path => '/etc/v.ini', setting => 'v2', value => '2' }
realize(Ini_setting['v2'])
