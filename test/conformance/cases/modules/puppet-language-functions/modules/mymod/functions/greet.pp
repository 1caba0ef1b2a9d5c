function mymod::greet(String $who, String $greeting = 'hello') { "${greeting} ${who}" }
