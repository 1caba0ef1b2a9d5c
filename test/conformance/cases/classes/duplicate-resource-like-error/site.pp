class p { }
class { 'p': }
class { 'p': }
