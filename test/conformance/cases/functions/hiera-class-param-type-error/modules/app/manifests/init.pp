class app(Integer $port) { }
