class { 'foo': x => 1 }
class { 'bar': ; 'baz': y => 2; }
