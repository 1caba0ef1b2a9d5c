class s(Struct[{ 'a' => Integer }] $cfg) { }
class { 's': cfg => { 'a' => 1, 'b' => 2 } }
