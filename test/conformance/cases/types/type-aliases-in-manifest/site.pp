type MyPort = Integer[1, 65535]
type MyConfig = Struct[{ 'host' => String[1], 'port' => MyPort }]
notify { 'x': message => [8080 =~ MyPort, 70000 =~ MyPort, { 'host' => 'h', 'port' => 1 } =~ MyConfig, "${MyConfig}", "${MyPort}"] }
