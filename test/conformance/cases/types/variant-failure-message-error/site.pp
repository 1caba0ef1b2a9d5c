class c(Variant[Integer[0, 10], Enum['auto']] $v) { }
class { 'c': v => 'manual' }
