ini_setting { 'long title for a setting': path => '/etc/a.ini', setting => 's', value => 'v', alias => 'short' }
notify { 'after': require => Ini_setting['short'] }
