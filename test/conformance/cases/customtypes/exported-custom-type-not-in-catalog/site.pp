@@ini_setting { 'exported': path => '/etc/e.ini', setting => 'e', value => '1' }
ini_setting { 'local': path => '/etc/e.ini', setting => 'l', value => '2' }
