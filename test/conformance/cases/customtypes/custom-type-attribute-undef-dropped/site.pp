$maybe = undef
ini_setting { 'u': path => '/etc/u.ini', setting => 'u', value => $maybe, section => undef }
