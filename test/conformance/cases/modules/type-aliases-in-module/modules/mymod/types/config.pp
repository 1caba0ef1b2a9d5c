type Mymod::Config = Struct[{ 'port' => Mymod::Port, 'host' => String[1] }]
