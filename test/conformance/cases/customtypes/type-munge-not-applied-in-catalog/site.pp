ini_setting { 'spaces': path => '/etc/s.ini', setting => 'k', value => '  padded  ' }
