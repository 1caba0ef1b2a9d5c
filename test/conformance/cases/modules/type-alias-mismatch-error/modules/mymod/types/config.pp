type Mymod::Config = Struct[{ 'port' => Integer[1] }]
