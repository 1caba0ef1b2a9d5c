define d { file { "/tmp/${title}": } }
class c { File { owner => 'app' } d { 'x': } }
include c
