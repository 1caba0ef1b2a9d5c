Ini_setting { path => '/etc/defaults.ini', section => 'main' }
ini_setting { 'a': setting => 'a', value => '1' }
@ini_setting { 'virtual b': setting => 'b', value => '2', tag => 'extra' }
@ini_setting { 'virtual c': setting => 'c', value => '3' }
Ini_setting <| tag == 'extra' |>
