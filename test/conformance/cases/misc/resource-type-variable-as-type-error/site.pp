$t = Notify
$t { 'dynamic': message => 'via type' }
Resource['file'] { '/tmp/dyn': ensure => file }
