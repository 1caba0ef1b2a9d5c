class base { notify { 'n': tag => ['t1'] } file { '/tmp/f': require => Notify['n'] } notify { 'other': } }
class child inherits base {
  Notify['n'] { tag +> ['t2'] }
  File['/tmp/f'] { require +> Notify['other'] }
}
include child
