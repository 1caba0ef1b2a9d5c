class tagged_class { tag 'fromfunc', 'second' notify { 'inside': } }
include tagged_class
