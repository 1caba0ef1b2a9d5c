ini_setting { 'a': path => '/etc/o.ini', setting => 'a', value => '1', tag => 'tuned' }
ini_setting { 'b': path => '/etc/o.ini', setting => 'b', value => '2' }
Ini_setting <| tag == 'tuned' |> { value => 'overridden', section => 'tuning' }
