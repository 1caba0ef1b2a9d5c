ini_setting { 'x': path => '/etc/x.ini', setting => 'a', value => 'b' }
beta_thing { 'y': color => 'green' }
