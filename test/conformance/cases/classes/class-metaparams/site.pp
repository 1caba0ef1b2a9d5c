class m { notify { 'm': } }
notify { 'first': }
class { 'm': require => Notify['first'], tag => ['extra'] }
