class c($a) { }
class { 'c': a => undef }
